package app_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

var (
	clerk       = auth.Principal{Subject: "u1", AgencyID: "ubnd", UnitID: "vp", Roles: []string{auth.RoleClerk}}
	otherClerk  = auth.Principal{Subject: "u2", AgencyID: "ubnd2", Roles: []string{auth.RoleClerk}}
	specialist  = auth.Principal{Subject: "u3", AgencyID: "ubnd", Roles: []string{"specialist"}}
	integration = auth.Principal{Subject: "c1", ClientID: "c1", Scopes: []string{auth.ScopeExchangeWrite, auth.ScopeExchangeRead}}
)

func TestReceiveAccepts(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		p, err := h.app.Receive(ctx, clerk, build(t, pkg("doc-1")))
		if err != nil {
			t.Fatal(err)
		}
		if p.State != domain.StateAccepted || p.AgencyID != "ubnd" || p.OrganisationCode != senderCode || p.Notation != "7816/VPCP-TTĐT" {
			t.Fatalf("package = %+v", p)
		}
		// The PDF does not parse as a PDF: its signature is invalid, and so is the package's.
		if len(p.Files) != 2 || p.Files[0].Signature != domain.SignatureInvalid || p.Files[1].Signature != domain.SignatureUnsigned || p.Signature != domain.SignatureInvalid {
			t.Fatalf("files = %+v, signature %s", p.Files, p.Signature)
		}
		if got := h.events(); !slices.Equal(got, []string{"vn.eoffice.exchange.document_received"}) {
			t.Fatalf("events = %v", got)
		}
		if len(p.Statuses) != 1 || p.Statuses[0].Code != "01" || p.Statuses[0].Direction != domain.StatusSent {
			t.Fatalf("statuses = %+v", p.Statuses)
		}
		ms, err := h.store.DueMessages(ctx, h.now, 10)
		if err != nil || len(ms) != 1 || ms[0].Type != domain.MessageStatus || ms[0].To != senderCode || ms[0].From != ourCode {
			t.Fatalf("messages = %+v, %v", ms, err)
		}
		_, st, err := edxml.Read(bytes.NewReader(ms[0].Body), edxml.DefaultLimits)
		if err != nil || st == nil || st.Code != "01" || st.ResponseFor.DocumentID != "doc-1" {
			t.Fatalf("status message = %+v, %v", st, err)
		}
		f, rc, err := h.app.PackageFile(ctx, clerk, p.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if string(b) != "annex" || f.Name != "phu-luc.docx" {
			t.Fatalf("file %+v = %q", f, b)
		}
	})
}

func TestReceiveTwiceAnswersTheFirst(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		body := build(t, pkg("doc-1"))
		first, err := h.app.Receive(ctx, integration, body)
		if err != nil {
			t.Fatal(err)
		}
		again, err := h.app.Receive(ctx, integration, body)
		if err != nil || again.ID != first.ID {
			t.Fatalf("same bytes: %s, %v; want %s", again.ID, err, first.ID)
		}
		// Other bytes (another hop in the trace), the same DocumentId.
		p := pkg("doc-1")
		p.Content = "resent"
		other, err := h.app.Receive(ctx, integration, build(t, p))
		if err != nil || other.ID != first.ID {
			t.Fatalf("same DocumentId: %s, %v; want %s", other.ID, err, first.ID)
		}
		all, err := h.app.ListPackages(ctx, integration, appQuery())
		if err != nil || len(all) != 1 {
			t.Fatalf("packages = %d, %v", len(all), err)
		}
		if got := h.events(); len(got) != 1 {
			t.Fatalf("events = %v", got)
		}
	})
}

func TestReceiveRefuses(t *testing.T) {
	unknown := pkg("doc-2")
	unknown.To = []edxml.Organisation{{ID: unknownCode}}
	noCode := regexp.MustCompile(`(?s)<edXML:Code>.*?</edXML:Code>`).ReplaceAll(build(t, pkg("doc-3")), nil)
	if bytes.Contains(noCode, []byte("CodeNumber")) {
		t.Fatal("the Code element was not cut")
	}
	for _, tc := range []struct {
		name   string
		body   []byte
		reason string
		answer bool // status 02 can go back: the sender and DocumentId are readable
		agency string
	}{
		{"unknown addressee", build(t, unknown), "addressed to no agency", true, ""},
		{"not XML", []byte("<edXML><oops"), "", false, ""},
		{"missing code", noCode, "Code", true, "ubnd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			each(t, func(t *testing.T, h *harness) {
				ctx := context.Background()
				p, err := h.app.Receive(ctx, integration, tc.body)
				if !errors.Is(err, apperr.ErrRefused) {
					t.Fatalf("err = %v, want refused", err)
				}
				if p.State != domain.StateRefused || p.Reason == "" || !bytes.Contains([]byte(p.Reason), []byte(tc.reason)) {
					t.Fatalf("package = %+v", p)
				}
				kept, err := h.app.Package(ctx, integration, p.ID)
				if err != nil || kept.State != domain.StateRefused {
					t.Fatalf("kept = %+v, %v", kept, err)
				}
				if got := h.events(); !slices.Equal(got, []string{"vn.eoffice.exchange.package_refused"}) {
					t.Fatalf("events = %v", got)
				}
				if len(kept.Statuses) != 1 || kept.Statuses[0].Code != "02" || kept.Statuses[0].Note != p.Reason {
					t.Fatalf("statuses = %+v", kept.Statuses)
				}
				if kept.AgencyID != tc.agency {
					t.Fatalf("agency = %q, want %q", kept.AgencyID, tc.agency)
				}
				ms, err := h.store.DueMessages(ctx, h.now, 10)
				if err != nil || (len(ms) == 1) != tc.answer {
					t.Fatalf("messages = %+v, %v; want an answer: %v", ms, err, tc.answer)
				}
				if tc.answer {
					_, st, err := edxml.Read(bytes.NewReader(ms[0].Body), edxml.DefaultLimits)
					if err != nil || st.Code != "02" || ms[0].To != senderCode || st.Description != p.Reason {
						t.Fatalf("status 02 = %+v, %v", st, err)
					}
				}
			})
		})
	}
}

func TestReceiveWho(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		body := build(t, pkg("doc-1"))
		// Addressed to none of ours: kept and refused, shown to the clerk.
		unknown := pkg("doc-x")
		unknown.To = []edxml.Organisation{{ID: unknownCode}}
		if p, err := h.app.Receive(ctx, clerk, build(t, unknown)); !errors.Is(err, apperr.ErrRefused) || p.AgencyID != "ubnd" {
			t.Fatalf("unknown addressee by a clerk: %+v, %v", p, err)
		}
		h.tr.sent = nil
		for _, p := range []auth.Principal{otherClerk, specialist} {
			if _, err := h.app.Receive(ctx, p, body); !errors.Is(err, apperr.ErrForbidden) {
				t.Fatalf("%s: err = %v, want forbidden", p.Subject, err)
			}
		}
		if got := h.events(); len(got) != 1 {
			t.Fatalf("a refused caller changed something: %v", got)
		}
		p, err := h.app.Receive(ctx, clerk, body)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.app.Package(ctx, otherClerk, p.ID); !errors.Is(err, apperr.ErrNotFound) {
			t.Fatalf("another agency's clerk: %v, want not found", err)
		}
		// The agency's other staff see its outgoing packages only (their
		// documents' pages): none here, and never what came in.
		if got, err := h.app.ListPackages(ctx, specialist, appQuery()); err != nil || len(got) != 0 {
			t.Fatalf("specialist lists: %d, %v", len(got), err)
		}
		in := appQuery()
		in.Direction = "in"
		if _, err := h.app.ListPackages(ctx, specialist, in); !errors.Is(err, apperr.ErrForbidden) {
			t.Fatalf("specialist lists what came in: %v", err)
		}
		if _, err := h.app.Package(ctx, specialist, p.ID); !errors.Is(err, apperr.ErrNotFound) {
			t.Fatalf("specialist reads a package that came in: %v", err)
		}
		mine, err := h.app.ListPackages(ctx, clerk, appQuery())
		if err != nil || len(mine) != 2 {
			t.Fatalf("clerk's list: %d, %v", len(mine), err)
		}
		theirs, err := h.app.ListPackages(ctx, otherClerk, appQuery())
		if err != nil || len(theirs) != 0 {
			t.Fatalf("other clerk's list: %d, %v", len(theirs), err)
		}
	})
}

func TestPollKeepsThenAcks(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		h.tr.pending = fakeMessages{{Ref: "r1", Type: "edoc", From: senderCode, To: ourCode, Body: build(t, pkg("doc-9"))}}.messages()
		n, err := h.app.Poll(ctx)
		if err != nil || n != 1 {
			t.Fatalf("poll = %d, %v", n, err)
		}
		if !slices.Equal(h.tr.acked, []string{"r1"}) {
			t.Fatalf("acked = %v", h.tr.acked)
		}
		ps, err := h.app.ListPackages(ctx, clerk, appQuery())
		if err != nil || len(ps) != 1 || ps[0].State != domain.StateAccepted {
			t.Fatalf("packages = %+v, %v", ps, err)
		}
	})
}

func TestRefusedThenCorrected(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		// A clerk's broken upload is refused and shown to that clerk's agency.
		broken, err := h.app.Receive(ctx, clerk, []byte("<edXML:edXML"))
		if !errors.Is(err, apperr.ErrRefused) || broken.AgencyID != "ubnd" {
			t.Fatalf("= %+v, %v", broken, err)
		}
		if _, err := h.app.Package(ctx, clerk, broken.ID); err != nil {
			t.Fatalf("the clerk does not see their refused upload: %v", err)
		}
		// Refused for its addressee, then sent again corrected with the same DocumentId.
		p := pkg("doc-5")
		p.To = []edxml.Organisation{{ID: unknownCode}}
		first, err := h.app.Receive(ctx, integration, build(t, p))
		if !errors.Is(err, apperr.ErrRefused) {
			t.Fatalf("first = %v", err)
		}
		second, err := h.app.Receive(ctx, integration, build(t, pkg("doc-5")))
		if err != nil || second.ID == first.ID || second.State != domain.StateAccepted {
			t.Fatalf("corrected = %+v, %v", second, err)
		}
	})
}

// TestKeptBeforeACrash: a package kept (and acknowledged) whose process
// stopped before deciding it is decided by the next turn; nothing is lost.
func TestKeptBeforeACrash(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		kept, err := h.app.Keep(ctx, build(t, pkg("doc-7")), senderCode, "")
		if err != nil || kept.Package.State != domain.StateReceived {
			t.Fatalf("kept = %+v, %v", kept, err)
		}
		// A new process on the same database and blob folder.
		if err := h.app.ValidateReceived(ctx); err != nil {
			t.Fatal(err)
		}
		p, err := h.app.Package(ctx, clerk, kept.Package.ID)
		if err != nil || p.State != domain.StateAccepted || len(p.Files) != 2 {
			t.Fatalf("= %+v, %v", p, err)
		}
		if got := h.events(); !slices.Equal(got, []string{"vn.eoffice.exchange.document_received"}) {
			t.Fatalf("events = %v", got)
		}
	})
}

// TestReceiveOversize: a package too large to take in is refused with the
// reason; its head is kept (the clerks see it) and status 02 goes back to
// the sender its header names; the same head again changes nothing more.
func TestReceiveOversize(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		body := build(t, pkg("doc-big"))
		cut := bytes.Index(body, []byte("AttachmentEncoded"))
		if cut < 0 {
			t.Fatal("the test package has no attachments")
		}
		head := body[:cut+40] // cut inside the attachments, as a read limit would
		p, err := h.app.ReceiveOversize(ctx, clerk, head, 120<<20)
		if !errors.Is(err, apperr.ErrTooLarge) || !strings.Contains(err.Error(), "larger than 120 MiB") {
			t.Fatalf("err = %v, want too large with the reason", err)
		}
		if p.State != domain.StateRefused || p.AgencyID != "ubnd" || p.EdxmlDocumentID != "doc-big" {
			t.Fatalf("kept = %+v", p)
		}
		if got := h.events(); !slices.Equal(got, []string{"vn.eoffice.exchange.package_refused"}) {
			t.Fatalf("events = %v", got)
		}
		ms, err := h.store.DueMessages(ctx, h.now, 10)
		if err != nil || len(ms) != 1 || ms[0].To != senderCode {
			t.Fatalf("messages = %+v, %v", ms, err)
		}
		if _, st, err := edxml.Read(bytes.NewReader(ms[0].Body), edxml.DefaultLimits); err != nil || st.Code != "02" || !strings.Contains(st.Description, "larger") {
			t.Fatalf("status 02 = %+v, %v", st, err)
		}
		again, err := h.app.ReceiveOversize(ctx, clerk, head, 120<<20)
		if !errors.Is(err, apperr.ErrTooLarge) || again.ID != p.ID {
			t.Fatalf("again: %+v, %v", again, err)
		}
		if ms, _ := h.store.DueMessages(ctx, h.now, 10); len(ms) != 1 || len(h.events()) != 1 {
			t.Fatalf("a repeat answered twice: %d messages, %v", len(ms), h.events())
		}
		if _, err := h.app.ReceiveOversize(ctx, specialist, head, 120<<20); !errors.Is(err, apperr.ErrForbidden) {
			t.Fatalf("a specialist: %v", err)
		}
	})
}
