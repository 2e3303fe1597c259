package app_test

import (
	"context"
	"errors"
	"sort"
	"sync"
	"testing"
	"time"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// In Viet Nam (UTC+7) 16:59 UTC on 31 December is 23:59 that day, and
// 17:00 UTC is 00:00 on 1 January.
var (
	lastMinute = time.Date(2025, 12, 31, 16, 59, 0, 0, time.UTC)
	newYear    = time.Date(2025, 12, 31, 17, 0, 0, 0, time.UTC)
)

func confidential(in domain.DraftInput) domain.DraftInput {
	in.Confidentiality = "confidential"
	return in
}

func normative(kind string) domain.DraftInput {
	return domain.DraftInput{Kind: kind, Summary: "Quy định về quản lý", Recipients: []string{id("STTTT")}, Normative: true}
}

// fieldError says whether err is of kind and names field.
func fieldError(err, kind error, field string) bool {
	e, ok := apperr.As(err)
	if !ok || !errors.Is(err, kind) {
		return false
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}

// TestNumberSeriesSideBySide: the general, confidential and normative
// series of one agency count apart, each from 1 on 1 January in Viet Nam;
// the recipient's incoming register keeps confidential receipts apart.
func TestNumberSeriesSideBySide(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		steps := []struct {
			at       time.Time
			in       domain.DraftInput
			notation string
			incoming int64 // STTTT's số đến in the document's incoming series
		}{
			{lastMinute, directive(id("STTTT")), "01/CT-UBND", 1},
			{lastMinute, confidential(directive(id("STTTT"))), "01/CT-UBND", 1},
			{lastMinute, directive(id("STTTT")), "02/CT-UBND", 2},
			{lastMinute, normative("decision"), "01/2025/QĐ-UBND", 3},
			{lastMinute, confidential(directive(id("STTTT"))), "02/CT-UBND", 2},
			{lastMinute, normative("resolution"), "02/2025/NQ-UBND", 4},
			// New Year: every series starts again.
			{newYear, confidential(directive(id("STTTT"))), "01/CT-UBND", 1},
			{newYear, normative("directive"), "01/2026/CT-UBND", 1},
			{newYear, directive(id("STTTT")), "01/CT-UBND", 2},
			{newYear, confidential(directive(id("STTTT"))), "02/CT-UBND", 2},
			{newYear, normative("decision"), "02/2026/QĐ-UBND", 3},
		}
		for i, s := range steps {
			e.SetClock(s.at)
			v := approved(t, e, "ubnd.cv", s.in)
			v, err := e.Service.IssueDocument(e.Ctx("ubnd.vt"), v.ID)
			if err != nil || v.Notation != s.notation || v.Normative != s.in.Normative {
				t.Fatalf("step %d: %q, %v; want %q", i, v.Notation, err, s.notation)
			}
			v, err = e.Service.RegisterDocument(e.Ctx("stttt.vt"), v.ID)
			if err != nil || v.Receipt == nil || v.Receipt.IncomingNumber != s.incoming {
				t.Fatalf("step %d: registered %+v, %v; want số đến %d", i, v.Receipt, err, s.incoming)
			}
			wantSeries := domain.SeriesIncoming
			if s.in.Confidentiality == "confidential" {
				wantSeries = domain.SeriesIncomingConfidential
			}
			if v.Receipt.IncomingSeries != wantSeries || v.Receipt.IncomingYear != domain.NumberingYear(s.at) {
				t.Fatalf("step %d: receipt in %s/%d", i, v.Receipt.IncomingSeries, v.Receipt.IncomingYear)
			}
		}
	})
}

// TestConcurrentNumberingPerSeries: documents of every series issued (and
// copies made) all at once by two clerks take 1..N in each series, no
// number skipped or given twice.
func TestConcurrentNumberingPerSeries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		const n = 8
		series := map[string]domain.DraftInput{
			"general":      directive(id("STTTT")),
			"confidential": confidential(directive(id("STTTT"))),
			"normative":    normative("decision"),
		}
		type job struct {
			series string
			do     func(clerk string) (app.DocumentView, error)
		}
		var jobs []job
		for name, in := range series {
			for range n {
				docID := approved(t, e, "ubnd.cv", in).ID
				jobs = append(jobs, job{name, func(clerk string) (app.DocumentView, error) {
					return e.Service.IssueDocument(e.Ctx(clerk), docID)
				}})
			}
		}
		original := issue(t, e, directive(id("STTTT"))) // general number n+1
		for range n {
			jobs = append(jobs, job{"copy", func(clerk string) (app.DocumentView, error) {
				return e.Service.CopyDocument(e.Ctx(clerk), original.ID, app.CopyInput{Copy: domain.CopyInput{Form: "BSY", Recipients: []string{id("SNV")}}})
			}})
		}
		var (
			wg    sync.WaitGroup
			mu    sync.Mutex
			got   = map[string][]int64{}
			start = make(chan struct{})
			errs  = make([]error, len(jobs))
		)
		for i, j := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				v, err := j.do([]string{"ubnd.vt", "ubnd.vt2"}[i%2])
				errs[i] = err
				mu.Lock()
				got[j.series] = append(got[j.series], v.Number)
				mu.Unlock()
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("job %d (%s): %v", i, jobs[i].series, err)
			}
		}
		for name, numbers := range got {
			first := int64(1)
			if name == "general" {
				first = 2 // after the original
			}
			sort.Slice(numbers, func(i, j int) bool { return numbers[i] < numbers[j] })
			for i, num := range numbers {
				if num != first+int64(i) {
					t.Fatalf("%s numbers %v: want %d..%d each once", name, numbers, first, first+n-1)
				}
			}
		}
		if original.Number != 1 {
			t.Fatalf("the original, issued first, is %d", original.Number)
		}
	})
}

// TestOfficialLetterNamesItsDivision: a Công văn carries its drafting
// division's short name; one drafted in the agency unit itself is
// refused at submit (400) and at issue (409), naming drafting_unit_id; a
// draft names only a division of its own agency.
func TestOfficialLetterNamesItsDivision(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		letter := func(drafting string) domain.DraftInput {
			return domain.DraftInput{Kind: "official_letter", Summary: "V/v báo cáo", Recipients: []string{id("SNV")}, DraftingUnitID: drafting}
		}
		// Create refuses what is not a division of the drafter's agency.
		for _, bad := range []string{id("PB"), id("STTTT"), "no-such-unit"} {
			_, err := e.Service.CreateDocument(e.Ctx("ubnd.cv"), app.CreateInput{Draft: letter(bad)})
			if !fieldError(err, apperr.ErrInvalid, "drafting_unit_id") {
				t.Fatalf("drafting unit %s: %v", bad, err)
			}
		}
		// Drafted in the agency unit: submit refuses, naming the field.
		v := draft(t, e, "ubnd.cv", letter(""))
		if v.DraftingUnitID != id("UBND") {
			t.Fatalf("default drafting unit %s", v.DraftingUnitID)
		}
		_, err := e.Service.SubmitDocument(e.Ctx("ubnd.cv"), v.ID)
		if !fieldError(err, apperr.ErrInvalid, "drafting_unit_id") {
			t.Fatalf("submit a Công văn of the agency unit: %v", err)
		}
		// The drafter names a division; it is numbered with its short name.
		vp := id("VP")
		if _, err := e.Service.UpdateDocument(e.Ctx("ubnd.cv"), v.ID, app.Patch{DraftingUnitID: &vp}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Service.SubmitDocument(e.Ctx("ubnd.cv"), v.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Service.ApproveDocument(e.Ctx("ubnd.ld"), v.ID, app.ApproveInput{}); err != nil {
			t.Fatal(err)
		}
		if v, err = e.Service.IssueDocument(e.Ctx("ubnd.vt"), v.ID); err != nil || v.Notation != "01/UBND-VP" {
			t.Fatalf("issued %q, %v", v.Notation, err)
		}
		// A drafter in a division drafts for it by default.
		if v := issue2(t, e, "kt.cv", letter("")); v.Notation != "02/UBND-KT" {
			t.Fatalf("Công văn of KT: %q", v.Notation)
		}
		// An approved letter of the agency unit (older data) cannot be
		// issued: 409, naming the field, and no number is taken.
		old := approved(t, e, "ubnd.cv", directive(id("SNV")))
		if err := db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE documents SET kind = 'official_letter' WHERE id = $1`, old.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		_, err = e.Service.IssueDocument(e.Ctx("ubnd.vt"), old.ID)
		if !fieldError(err, apperr.ErrConflict, "drafting_unit_id") {
			t.Fatalf("issue a Công văn of the agency unit: %v", err)
		}
		if v := issue2(t, e, "kt.cv", letter("")); v.Notation != "03/UBND-KT" {
			t.Fatalf("after a refusal: %q", v.Notation)
		}
	})
}

// issue2 takes a draft of drafter's through approval and issue by the
// UBND's clerk.
func issue2(t *testing.T, e *testenv.Env, drafter string, in domain.DraftInput) app.DocumentView {
	t.Helper()
	v := approved(t, e, drafter, in)
	v, err := e.Service.IssueDocument(e.Ctx("ubnd.vt"), v.ID)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestNormativeFlagRefused: only the kinds the kinds table marks may be
// flagged normative, at create and at edit.
func TestNormativeFlagRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		for _, tt := range []struct {
			kind string
			ok   bool
		}{{"decision", true}, {"resolution", true}, {"directive", true}, {"plan", false}, {"official_letter", false}, {"report", false}} {
			in := normative(tt.kind)
			in.DraftingUnitID = id("VP")
			_, err := e.Service.CreateDocument(e.Ctx("ubnd.cv"), app.CreateInput{Draft: in})
			if tt.ok != (err == nil) || (!tt.ok && !fieldError(err, apperr.ErrInvalid, "normative")) {
				t.Errorf("normative %s: %v", tt.kind, err)
			}
		}
		v := draft(t, e, "ubnd.cv", normative("decision"))
		notice := "notice"
		_, err := e.Service.UpdateDocument(e.Ctx("ubnd.cv"), v.ID, app.Patch{Kind: &notice})
		if !fieldError(err, apperr.ErrInvalid, "normative") {
			t.Fatalf("normative decision patched to a notice: %v", err)
		}
		no := false
		if v, err = e.Service.UpdateDocument(e.Ctx("ubnd.cv"), v.ID, app.Patch{Kind: &notice, Normative: &no}); err != nil || v.Normative {
			t.Fatalf("unflagged notice: %+v, %v", v.Normative, err)
		}
	})
}

// TestCopies: a clerk of the issuing or a receiving agency copies an
// issued document; each form is numbered on its own per agency and year;
// the copy is issued at once to its recipients, without tasks.
func TestCopies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		e.SetClock(lastMinute)
		original := issue(t, e, directive(id("STTTT")))
		bsy := domain.CopyInput{Form: "BSY", Recipients: []string{id("SNV")}, Note: "Sao gửi Sở Nội vụ"}
		steps := []struct {
			at       time.Time
			clerk    string
			in       domain.CopyInput
			notation string
			err      error
			field    string
		}{
			{lastMinute, "ubnd.vt", bsy, "01/BSY-UBND", nil, ""},
			{lastMinute, "ubnd.vt2", bsy, "02/BSY-UBND", nil, ""},
			{lastMinute, "ubnd.vt", domain.CopyInput{Form: "BTS", Recipients: []string{id("SNV")}, Extract: "Điều 1."}, "01/BTS-UBND", nil, ""},
			{lastMinute, "ubnd.vt", domain.CopyInput{Form: "BTS", Recipients: []string{id("SNV")}}, "", apperr.ErrInvalid, "extract"},
			{lastMinute, "ubnd.vt", domain.CopyInput{Form: "BSY", Recipients: []string{id("SNV")}, Extract: "Điều 1."}, "", apperr.ErrInvalid, "extract"},
			{lastMinute, "ubnd.vt", domain.CopyInput{Form: "XX", Recipients: []string{id("SNV")}}, "", apperr.ErrInvalid, "form"},
			{lastMinute, "ubnd.vt", domain.CopyInput{Form: "BSY"}, "", apperr.ErrInvalid, "recipients"},
			{lastMinute, "ubnd.vt", domain.CopyInput{Form: "BSY", Recipients: []string{"no-such-unit"}}, "", apperr.ErrInvalid, "recipients"},
			// The receiving agency's clerk copies it in its own series.
			{lastMinute, "stttt.vt", domain.CopyInput{Form: "BSL", Recipients: []string{id("SYT")}}, "01/BSL-STTTT", nil, ""},
			// Not a clerk: 403; a clerk of an agency that neither issued nor
			// received it does not see it: 404.
			{lastMinute, "ubnd.ld", bsy, "", apperr.ErrForbidden, ""},
			{lastMinute, "lag.vt", bsy, "", apperr.ErrNotFound, ""},
			// New Year: every form starts again.
			{newYear, "ubnd.vt", bsy, "01/BSY-UBND", nil, ""},
			{newYear, "ubnd.vt", domain.CopyInput{Form: "BSL", Recipients: []string{id("SNV"), id("KT")}}, "01/BSL-UBND", nil, ""},
		}
		for i, s := range steps {
			e.SetClock(s.at)
			v, err := e.Service.CopyDocument(e.Ctx(s.clerk), original.ID, app.CopyInput{Copy: s.in})
			if s.err != nil {
				if !errors.Is(err, s.err) || (s.field != "" && !fieldError(err, s.err, s.field)) {
					t.Fatalf("step %d: %v, want %v on %q", i, err, s.err, s.field)
				}
				continue
			}
			if err != nil || v.Notation != s.notation || v.Kind != domain.KindCopy || v.Status != domain.StatusIssued ||
				v.CopyOf != original.ID || v.CopyForm != domain.CopyForm(s.in.Form) || v.IssuedAt == nil ||
				v.IssuedBy != testenv.People[s.clerk].Subject || v.Summary != original.Summary || v.CopyExtract != s.in.Extract {
				t.Fatalf("step %d: %+v, %v; want %q", i, v.Document, err, s.notation)
			}
			if len(v.Receipts) != 1 || v.Receipts[0].AgencyID != testenv.Units[map[string]string{"ubnd.vt": "SNV", "ubnd.vt2": "SNV", "stttt.vt": "SYT"}[s.clerk]].ID {
				t.Fatalf("step %d: receipts %+v", i, v.Receipts)
			}
		}
		// A retried request (same Idempotency-Key) gets the first copy and
		// takes no number; the next copy follows on.
		e.SetClock(newYear)
		retry := app.CopyInput{Copy: bsy, IdempotencyKey: "copy-once"}
		first, err := e.Service.CopyDocument(e.Ctx("ubnd.vt"), original.ID, retry)
		again, err2 := e.Service.CopyDocument(e.Ctx("ubnd.vt"), original.ID, retry)
		if err != nil || err2 != nil || first.ID != again.ID || first.Notation != "02/BSY-UBND" || again.Notation != first.Notation {
			t.Fatalf("retried copy: %q %v, %q %v", first.Notation, err, again.Notation, err2)
		}
		// document.issued of kind copy, with no due date nor reply: the
		// tasks service makes no task of it.
		var copies int
		for _, r := range e.Outbox(t) {
			var ev eventsv1.DocumentIssued
			if r.Type != "vn.eoffice.document.issued" || protojson.Unmarshal([]byte(r.Data), &ev) != nil || ev.Kind != "copy" {
				continue
			}
			copies++
			if ev.DueDate != "" || ev.InReplyToDocumentId != "" || ev.Notation == "" {
				t.Fatalf("copy's document.issued %v", &ev)
			}
		}
		if copies != 7 {
			t.Fatalf("%d document.issued of copies, want 7", copies)
		}
		// The recipient registers a copy as any document.
		cs, err := e.Service.DocumentCopies(e.Ctx("ubnd.vt"), original.ID)
		if err != nil || len(cs) != 6 {
			t.Fatalf("UBND reads %d copies, %v; want its 6", len(cs), err)
		}
		cs, err = e.Service.DocumentCopies(e.Ctx("stttt.vt"), original.ID)
		if err != nil || len(cs) != 1 || cs[0].Notation != "01/BSL-STTTT" {
			t.Fatalf("STTTT reads %v, %v; want its BSL", cs, err)
		}
		if _, err := e.Service.DocumentCopies(e.Ctx("lag.vt"), original.ID); !errors.Is(err, apperr.ErrNotFound) {
			t.Fatalf("a stranger lists copies: %v", err)
		}
		// A draft or a revoked document is not copied.
		pending := approved(t, e, "ubnd.cv", directive(id("STTTT")))
		if _, err := e.Service.CopyDocument(e.Ctx("ubnd.vt"), pending.ID, app.CopyInput{Copy: bsy}); !errors.Is(err, apperr.ErrConflict) {
			t.Fatalf("copy an approved, unissued document: %v", err)
		}
		if _, err := e.Service.RevokeDocument(e.Ctx("ubnd.ld"), original.ID, "Sai sót"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Service.CopyDocument(e.Ctx("stttt.vt"), original.ID, app.CopyInput{Copy: bsy}); !errors.Is(err, apperr.ErrConflict) {
			t.Fatalf("copy a revoked document: %v", err)
		}
	})
}
