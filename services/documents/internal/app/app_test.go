package app_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

var id = testenv.ID

func draft(t *testing.T, e *testenv.Env, login string, in domain.DraftInput) app.DocumentView {
	t.Helper()
	v, err := e.Service.CreateDocument(e.Ctx(login), app.CreateInput{Draft: in})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return v
}

// approved drafts a document as drafter and takes it through approval.
func approved(t *testing.T, e *testenv.Env, drafter string, in domain.DraftInput) app.DocumentView {
	t.Helper()
	v := draft(t, e, drafter, in)
	if _, err := e.Service.SubmitDocument(e.Ctx(drafter), v.ID); err != nil {
		t.Fatalf("submit: %v", err)
	}
	leader := "ubnd.ld"
	if v.IssuerUnitID == id("LAG") {
		leader = "lag.ld"
	}
	v, err := e.Service.ApproveDocument(e.Ctx(leader), v.ID, app.ApproveInput{})
	if err != nil {
		t.Fatalf("approve: %v", err)
	}
	return v
}

func directive(recipients ...string) domain.DraftInput {
	return domain.DraftInput{Kind: "directive", Summary: "Về việc nâng cao Chỉ số PAPI", Body: "Nội dung chỉ thị",
		Urgency: "urgent", Recipients: recipients, DueDate: "2026-06-30"}
}

// TestConcurrentIssueNumbering: fifty documents issued at once by two
// clerks get the numbers 1..50, each exactly once, with their notations.
func TestConcurrentIssueNumbering(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		const n = 50
		ids := make([]string, n)
		for i := range ids {
			ids[i] = approved(t, e, "ubnd.cv", directive(id("STTTT"))).ID
		}
		var wg sync.WaitGroup
		numbers := make([]int64, n)
		errs := make([]error, n)
		start := make(chan struct{})
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				clerk := []string{"ubnd.vt", "ubnd.vt2"}[i%2]
				v, err := e.Service.IssueDocument(e.Ctx(clerk), ids[i])
				numbers[i], errs[i] = v.Number, err
				if err == nil && v.Notation != fmt.Sprintf("%02d/CT-UBND", v.Number) {
					errs[i] = fmt.Errorf("notation %q for number %d", v.Notation, v.Number)
				}
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("issue %d: %v", i, err)
			}
		}
		sort.Slice(numbers, func(i, j int) bool { return numbers[i] < numbers[j] })
		for i, got := range numbers {
			if got != int64(i+1) {
				t.Fatalf("numbers %v: want 1..%d each once", numbers, n)
			}
		}
		issued := 0
		for _, r := range e.Outbox(t) {
			if r.Type == "vn.eoffice.document.issued" {
				issued++
			}
		}
		if issued != n {
			t.Fatalf("%d document.issued events, want %d", issued, n)
		}
		// Issuing again is a conflict and takes no number.
		_, err := e.Service.IssueDocument(e.Ctx("ubnd.vt"), ids[0])
		if e, ok := apperr.As(err); !ok || !errors.Is(err, apperr.ErrConflict) || e.CurrentStatus != "issued" {
			t.Fatalf("second issue: %v", err)
		}
		next := approved(t, e, "ubnd.cv", directive(id("STTTT")))
		v, err := e.Service.IssueDocument(e.Ctx("ubnd.vt"), next.ID)
		if err != nil || v.Number != n+1 {
			t.Fatalf("next number %d, %v; want %d", v.Number, err, n+1)
		}
	})
}

func TestNumberingPerAgencyAndYear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		// 17:30 UTC on 31 December is already New Year in Viet Nam.
		steps := []struct {
			at       time.Time
			drafter  string
			clerk    string
			in       domain.DraftInput
			notation string
		}{
			{time.Date(2025, 12, 31, 16, 0, 0, 0, time.UTC), "ubnd.cv", "ubnd.vt", directive(id("STTTT")), "01/CT-UBND"},
			{time.Date(2025, 12, 31, 16, 30, 0, 0, time.UTC), "kt.cv", "ubnd.vt", domain.DraftInput{Kind: "official_letter", Summary: "V/v báo cáo", Recipients: []string{id("SNV")}}, "02/UBND-KT"},
			{time.Date(2025, 12, 31, 17, 30, 0, 0, time.UTC), "ubnd.cv", "ubnd.vt2", domain.DraftInput{Kind: "plan", Summary: "Kế hoạch", Recipients: []string{id("SNV")}}, "01/KH-UBND"},
			// Drafted in the agency unit itself, a Công văn names a division.
			{time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), "ubnd.cv", "ubnd.vt", domain.DraftInput{Kind: "official_letter", Summary: "Công văn", Recipients: []string{id("SNV")}, DraftingUnitID: id("VP")}, "02/UBND-VP"},
			// LAG is known only to identity so far: its short name comes from there.
			{time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), "lag.cv", "lag.vt", domain.DraftInput{Kind: "decision", Summary: "Quyết định", Recipients: []string{id("UBND")}}, "01/QĐ-SKHĐT"},
			{time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC), "lag.cv", "lag.vt", domain.DraftInput{Kind: "official_letter", Summary: "Công văn", Recipients: []string{id("UBND")}}, "02/SKHĐT-TH"},
		}
		for _, s := range steps {
			e.SetClock(s.at)
			v := approved(t, e, s.drafter, s.in)
			v, err := e.Service.IssueDocument(e.Ctx(s.clerk), v.ID)
			if err != nil || v.Notation != s.notation || v.IssuedAt == nil || !v.IssuedAt.Equal(s.at) {
				t.Fatalf("at %s: %q, %v; want %q", s.at, v.Notation, err, s.notation)
			}
		}
	})
}

func TestIssueCreatesReceiptsAndEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		in := directive(id("STTTT"), id("PB"), id("KT"), id("SNV"))
		in.ImplementsDocumentID = ""
		v := approved(t, e, "ubnd.cv", in)
		v, err := e.Service.IssueDocument(e.Ctx("ubnd.vt"), v.ID)
		if err != nil {
			t.Fatal(err)
		}
		// STTTT and its division share one receipt; KT, a division of the
		// issuer, gets none.
		var agencies []string
		for _, r := range v.Receipts {
			if r.Status != domain.ReceiptReceived {
				t.Fatalf("receipt %+v", r)
			}
			agencies = append(agencies, r.AgencyID)
		}
		want := []string{id("STTTT"), id("SNV")}
		sort.Strings(want)
		if fmt.Sprint(agencies) != fmt.Sprint(want) {
			t.Fatalf("receipts for %v, want %v", agencies, want)
		}
		rows := e.Outbox(t)
		var types []string
		for _, r := range rows {
			types = append(types, r.Type)
			if r.Key != v.ID {
				t.Fatalf("event %s keyed %q, want the document id", r.Type, r.Key)
			}
		}
		if fmt.Sprint(types) != "[vn.eoffice.document.submitted vn.eoffice.document.approved vn.eoffice.document.issued]" {
			t.Fatalf("events %v", types)
		}
		var ev eventsv1.DocumentIssued
		if err := protojson.Unmarshal([]byte(rows[2].Data), &ev); err != nil {
			t.Fatal(err)
		}
		if ev.DocumentId != v.ID || ev.Kind != "directive" || ev.Number != 1 || ev.Notation != "01/CT-UBND" ||
			ev.IssuerUnitId != id("UBND") || fmt.Sprint(ev.RecipientUnitIds) != fmt.Sprint(in.Recipients) ||
			ev.Urgency != "urgent" || ev.Confidentiality != "normal" || ev.Summary != in.Summary || ev.DueDate != "2026-06-30" ||
			ev.SignerId != "u-ubnd-ld" || ev.IssuedBy != "u-ubnd-vt" {
			t.Fatalf("document.issued = %v", &ev)
		}
		if at, err := time.Parse(time.RFC3339, ev.IssuedAt); err != nil || at.Unix() != v.IssuedAt.Unix() {
			t.Fatalf("issued_at %q", ev.IssuedAt)
		}
		// History records every step with its actor.
		hs, err := e.Service.DocumentHistory(e.Ctx("ubnd.cv"), v.ID)
		if err != nil || len(hs) != 4 {
			t.Fatalf("history %+v, %v", hs, err)
		}
		for i, want := range []struct {
			act      domain.Action
			from, to domain.Status
			actor    string
		}{
			{domain.ActionCreate, "", domain.StatusDraft, "u-ubnd-cv"},
			{domain.ActionSubmit, domain.StatusDraft, domain.StatusPendingApproval, "u-ubnd-cv"},
			{domain.ActionApprove, domain.StatusPendingApproval, domain.StatusApproved, "u-ubnd-ld"},
			{domain.ActionIssue, domain.StatusApproved, domain.StatusIssued, "u-ubnd-vt"},
		} {
			h := hs[i]
			if h.Action != want.act || h.From != want.from || h.To != want.to || h.ActorID != want.actor {
				t.Fatalf("history[%d] = %+v, want %+v", i, h, want)
			}
		}
	})
}

func TestRestrictedDocumentsTravelWithIDsOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		in := directive(id("STTTT"))
		in.Confidentiality = "secret"
		v := draft(t, e, "ubnd.cv", in)
		if _, err := e.Service.GetDocument(e.Ctx("ubnd.ld"), v.ID); !errors.Is(err, apperr.ErrNotFound) {
			t.Fatalf("leader sees a secret draft before submission: %v", err)
		}
		if _, err := e.Service.SubmitDocument(e.Ctx("ubnd.cv"), v.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Service.RejectDocument(e.Ctx("ubnd.ld"), v.ID, "Bí mật: sửa số liệu"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Service.SubmitDocument(e.Ctx("ubnd.cv"), v.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Service.ApproveDocument(e.Ctx("ubnd.ld"), v.ID, app.ApproveInput{}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Service.IssueDocument(e.Ctx("ubnd.vt"), v.ID); err != nil {
			t.Fatal(err)
		}
		for _, r := range e.Outbox(t) {
			for _, secret := range []string{in.Summary, "Bí mật", in.Body} {
				if contains(r.Data, secret) {
					t.Fatalf("%s carries %q: %s", r.Type, secret, r.Data)
				}
			}
		}
		for login, want := range map[string]error{"ubnd.cv": nil, "ubnd.ld": nil, "ubnd.vt": nil,
			"ubnd.vt2": apperr.ErrNotFound, "kt.cv": apperr.ErrNotFound, "stttt.ld": apperr.ErrNotFound} {
			if _, err := e.Service.GetDocument(e.Ctx(login), v.ID); !errors.Is(err, want) || (want == nil) != (err == nil) {
				t.Errorf("%s reads the secret document: %v, want %v", login, err, want)
			}
		}
	})
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestUnitDirectoryFallsBackToIdentity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		ctx := context.Background()
		tests := []struct {
			name       string
			setup      func()
			recipients []string
			want       error
			wantCalls  int64
		}{
			{"known units need no call", nil, []string{id("STTTT"), id("PB")}, nil, 0},
			{"identity's 404 is a 400 on recipients", nil, []string{id("STTTT"), "0190a000-0000-7000-8000-0000000000ff"}, apperr.ErrInvalid, 1},
			{"identity down is 503", func() { e.Identity.Down.Store(true) }, []string{id("LAGD")}, apperr.ErrUnavailable, 1},
			{"a lagging division and its agency are fetched and kept", func() { e.Identity.Down.Store(false); e.Identity.OmitAgency.Store(true) },
				[]string{id("LAGD")}, nil, 2},
			{"then the division is known; its agency is asked once", nil, []string{id("LAGD"), id("LAG")}, nil, 1},
			{"then both are known", nil, []string{id("LAGD"), id("LAG")}, nil, 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if tt.setup != nil {
					tt.setup()
				}
				before, docs := e.Identity.Calls.Load(), e.Count(t, "documents")
				_, err := e.Service.CreateDocument(e.Ctx("ubnd.cv"), app.CreateInput{Draft: directive(tt.recipients...)})
				if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
					t.Fatalf("err = %v, want %v", err, tt.want)
				}
				if calls := e.Identity.Calls.Load() - before; calls != tt.wantCalls {
					t.Fatalf("%d calls to identity, want %d", calls, tt.wantCalls)
				}
				if tt.want != nil {
					if e.Count(t, "documents") != docs {
						t.Fatal("a refused draft was stored")
					}
					if ae, _ := apperr.As(err); errors.Is(err, apperr.ErrInvalid) && (len(ae.Fields) != 1 || ae.Fields[0].Field != "recipients") {
						t.Fatalf("fields %+v", ae.Fields)
					}
				}
			})
		}
		u, err := e.Store.Unit(ctx, db, id("LAGD"))
		if err != nil || u.AgencyID != id("LAG") || u.ShortName != "TH" {
			t.Fatalf("cached unit %+v, %v", u, err)
		}
	})
}

func TestCreateReferences(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		own := draft(t, e, "ubnd.cv", directive(id("STTTT")))
		foreign := draft(t, e, "stttt.cv", directive(id("SNV")))
		for _, tt := range []struct {
			name string
			in   func(*domain.DraftInput)
			want error
		}{
			{"implements a visible document", func(in *domain.DraftInput) { in.ImplementsDocumentID = own.ID }, nil},
			{"replies to an unseen draft", func(in *domain.DraftInput) { in.InReplyToDocumentID = foreign.ID }, apperr.ErrInvalid},
			{"implements nothing known", func(in *domain.DraftInput) { in.ImplementsDocumentID = "nope" }, apperr.ErrInvalid},
		} {
			t.Run(tt.name, func(t *testing.T) {
				in := directive(id("SNV"))
				tt.in(&in)
				_, err := e.Service.CreateDocument(e.Ctx("ubnd.cv"), app.CreateInput{Draft: in})
				if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
					t.Fatalf("err = %v, want %v", err, tt.want)
				}
			})
		}
	})
}

func TestSignerTitleFromTheDirectory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		err := db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
			_, err := identityview.PutPerson(ctx, tx, identityview.Person{ID: "u-ubnd-ld", FullName: "Trần Thị Bình", Title: "Phó Chủ tịch", Active: true}, identityview.Version{})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		e.Facts.SetPosition("ubnd.ld", "", domain.PositionDeputy)
		v := approved(t, e, "ubnd.cv", directive(id("SNV")))
		if v.Signer == nil || v.Signer.Title != "Phó Chủ tịch" || v.Signer.SigningMark != "KT." || v.Signer.FullName != "Trần Thị Bình" ||
			v.Signer.MarkLine != "KT. CHỦ TỊCH" || v.Signer.PositionLine != "PHÓ CHỦ TỊCH" {
			t.Fatalf("signer %+v", v.Signer)
		}
	})
}
