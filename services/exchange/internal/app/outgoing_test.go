package app_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

func issue(h *harness, docID string, codes ...string) {
	h.inTx(func(ctx context.Context, w app.Writes) error {
		return h.app.DocumentIssued(ctx, w, app.Issued{DocumentID: docID, IssuerUnitID: "vp", Notation: "01/CT-UBND",
			Summary: "Về tăng cường PAPI", RecipientCodes: codes})
	})
}

func outgoing(t *testing.T, h *harness, docID string) []domain.Package {
	t.Helper()
	ps, err := h.store.Packages(context.Background(), app.PackageQuery{Direction: domain.Out, DocumentID: docID, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(ps, func(a, b domain.Package) int {
		return bytes.Compare([]byte(a.OrganisationCode), []byte(b.OrganisationCode))
	})
	return ps
}

func TestOutgoingPackages(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		issue(h, "d1", senderCode, unknownCode)
		issue(h, "d1", senderCode, unknownCode) // a redelivery makes nothing more
		ps := outgoing(t, h, "d1")
		if len(ps) != 2 || ps[0].State != domain.StateWaitingPDF || ps[0].AgencyID != "ubnd" || ps[0].OurCode != ourCode || ps[0].CodeNumber != "01" {
			t.Fatalf("packages = %+v", ps)
		}
		// Documents does not answer yet: the packages wait for the next turn.
		h.inTx(func(ctx context.Context, w app.Writes) error { return h.app.PDFReady(ctx, w, "d1") })
		h.docs.fail = true
		if n, err := h.app.BuildPending(ctx); err != nil || n != 0 {
			t.Fatalf("build while documents fails = %d, %v", n, err)
		}
		h.docs.fail = false
		if n, err := h.app.BuildPending(ctx); err != nil || n != 2 {
			t.Fatalf("build = %d, %v", n, err)
		}
		ps = outgoing(t, h, "d1")
		if ps[0].State != domain.StateQueued || ps[0].BodySHA256 == "" {
			t.Fatalf("built = %+v", ps[0])
		}
		_, rc, err := h.app.PackageBody(ctx, clerk, ps[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := edxml.Read(rc, edxml.DefaultLimits)
		rc.Close()
		if err != nil || got.From.ID != ourCode || got.To[0].ID != senderCode || got.Code.String() != "01/CT-UBND" ||
			got.DocumentID != ps[0].EdxmlDocumentID || got.Priority != 1 || len(got.Attachments) != 1 || got.Type.TypeName != "Chỉ thị" {
			t.Fatalf("package read back = %+v, %v", got, err)
		}

		// The gateway fails once: the messages wait their backoff.
		h.tr.failing = errors.New("gateway down")
		if n, err := h.app.SendDue(ctx); err != nil || n != 0 {
			t.Fatalf("send while down = %d, %v", n, err)
		}
		h.tr.failing = nil
		if n, _ := h.app.SendDue(ctx); n != 0 {
			t.Fatalf("sent %d before the backoff ended", n)
		}
		h.now = h.now.Add(time.Minute)
		if n, err := h.app.SendDue(ctx); err != nil || n != 2 {
			t.Fatalf("send = %d, %v", n, err)
		}
		ps = outgoing(t, h, "d1")
		if ps[0].State != domain.StateSent || ps[1].State != domain.StateSent {
			t.Fatalf("states = %s %s", ps[0].State, ps[1].State)
		}
		if ev := h.events(); !slices.Equal(ev, []string{"vn.eoffice.exchange.package_sent", "vn.eoffice.exchange.package_sent"}) {
			t.Fatalf("events = %v", ev)
		}
		h.tr.deliver = true
		if err := h.app.CheckDelivered(ctx); err != nil {
			t.Fatal(err)
		}
		if ps = outgoing(t, h, "d1"); ps[0].State != domain.StateDelivered {
			t.Fatalf("state = %s", ps[0].State)
		}

		// The recipient registers it (03); a repeat is dropped.
		status, err := edxml.BuildStatus(edxml.Status{From: edxml.Organisation{ID: senderCode},
			ResponseFor: edxml.Reference{OrganID: ourCode, Code: edxml.Code{Number: "01", Notation: "CT-UBND"}, DocumentID: ps[0].EdxmlDocumentID, PromulgationDate: "2026-03-04"},
			Code:        "03", Timestamp: h.now})
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if _, err := h.app.Receive(ctx, integration, status); err != nil {
				t.Fatal(err)
			}
		}
		p, err := h.app.Package(ctx, integration, ps[0].ID)
		if err != nil || p.State != "registered" || len(p.Statuses) != 1 || p.Statuses[0].Direction != domain.StatusReceived {
			t.Fatalf("after status = %+v, %v", p, err)
		}
		if ev := h.events(); len(ev) != 3 || ev[2] != "vn.eoffice.exchange.status_received" {
			t.Fatalf("events = %v", ev)
		}
	})
}

func TestStatusesBack(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		p, err := h.app.Receive(ctx, clerk, build(t, pkg("doc-1")))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range []app.DocumentEvent{
			{PackageID: p.ID, DocumentID: "in-1"},             // document.received
			{PackageID: p.ID, DocumentID: "in-1", Code: "03"}, // registered
			{PackageID: p.ID, DocumentID: "in-1", Code: "03"}, // redelivered with another id
			{PackageID: p.ID, DocumentID: "in-1", Code: "04"}, // directed
		} {
			h.inTx(func(ctx context.Context, w app.Writes) error { return h.app.DocumentChanged(ctx, w, e) })
		}
		got, err := h.app.Package(ctx, clerk, p.ID)
		if err != nil || got.DocumentID != "in-1" {
			t.Fatalf("package = %+v, %v", got, err)
		}
		var codes []string
		for _, s := range got.Statuses {
			codes = append(codes, s.Code)
		}
		slices.Sort(codes)
		if !slices.Equal(codes, []string{"01", "03", "04"}) {
			t.Fatalf("statuses = %v", codes)
		}
		ms, err := h.store.DueMessages(ctx, h.now, 10)
		if err != nil || len(ms) != 3 {
			t.Fatalf("messages = %d, %v", len(ms), err)
		}
		if n, err := h.app.SendDue(ctx); err != nil || n != 3 || len(h.tr.sent) != 3 || h.tr.sent[0].Type != "status" {
			t.Fatalf("sent = %d %+v, %v", n, h.tr.sent, err)
		}
	})
}

func TestUnknownRecipientGivenUp(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		issue(h, "d1", unknownCode)
		h.inTx(func(ctx context.Context, w app.Writes) error { return h.app.PDFReady(ctx, w, "d1") })
		if _, err := h.app.BuildPending(ctx); err != nil {
			t.Fatal(err)
		}
		h.tr.failing = app.ErrUnknownRecipient
		if _, err := h.app.SendDue(ctx); err != nil {
			t.Fatal(err)
		}
		ps := outgoing(t, h, "d1")
		if len(ps) != 1 || ps[0].State != domain.StateFailed || ps[0].Reason == "" {
			t.Fatalf("= %+v", ps)
		}
		h.tr.failing = nil
		h.now = h.now.Add(time.Hour)
		if n, _ := h.app.SendDue(ctx); n != 0 || len(h.tr.sent) != 0 {
			t.Fatalf("a given-up message was sent again")
		}
	})
}

// TestRevocationAsked: the sender of a package we accepted asks to take it
// back (13): kept among the package's statuses, its state unchanged.
func TestRevocationAsked(t *testing.T) {
	each(t, func(t *testing.T, h *harness) {
		ctx := context.Background()
		p, err := h.app.Receive(ctx, clerk, build(t, pkg("doc-1")))
		if err != nil {
			t.Fatal(err)
		}
		st, err := edxml.BuildStatus(edxml.Status{From: edxml.Organisation{ID: senderCode},
			ResponseFor: edxml.Reference{OrganID: senderCode, Code: edxml.Code{Number: "7816", Notation: "VPCP-TTĐT"}, DocumentID: "doc-1", PromulgationDate: "2026-03-01"},
			Code:        "13", Description: "Văn bản ban hành nhầm", Timestamp: h.now})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := h.app.Receive(ctx, integration, st); err != nil {
			t.Fatal(err)
		}
		got, err := h.app.Package(ctx, clerk, p.ID)
		if err != nil || got.State != domain.StateAccepted || len(got.Statuses) != 2 || got.Statuses[1].Code != "13" || got.Statuses[1].Direction != domain.StatusReceived {
			t.Fatalf("= %+v, %v", got, err)
		}
	})
}
