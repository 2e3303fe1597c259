package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/signing"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// downKeys is a signing service that does not answer.
type downKeys struct{}

func (downKeys) Key(context.Context, signing.Identity) (signing.Key, error) {
	return signing.Key{}, errors.New("signing service unreachable")
}

// restart is the service assembled again over the same database and
// blobs, as a new process would be, signing with sign and living at *now.
func restart(e *testenv.Env, sign app.Signing, now *time.Time) (app.Service, *app.PDFWorker, error) {
	svc := app.New(app.Config{Documents: e.Store, DB: e.DB, Blobs: e.Blobs, Source: "/eoffice/documents",
		Signing: sign, Now: func() time.Time { return *now }})
	w, err := app.NewPDFWorker(svc, time.Second, nil)
	return svc, w, err
}

func countType(e *testenv.Env, t *testing.T, typ string) int {
	n := 0
	for _, r := range e.Outbox(t) {
		if r.Type == typ {
			n++
		}
	}
	return n
}

// TestPDFJobSurvivesCrashAndFailure: an issued document whose PDF was not
// made (the process stopped right after the issue committed, a worker died
// holding the job, the signing service failed) gets it from the next
// process, once.
func TestPDFJobSurvivesCrashAndFailure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		const ready = "vn.eoffice.document.pdf_ready"
		now := time.Date(2026, 3, 5, 2, 0, 0, 0, time.UTC)
		sign, _ := testenv.LocalSigning(t)
		ctx := context.Background()

		// 1. Stopped right after the issue's commit: the first process has
		// no signer and so makes nothing; the job waits in the table.
		e := testenv.New(t, db)
		e.SetClock(now)
		a := approved(t, e, "ubnd.cv", directive(id("STTTT")))
		v, err := e.Service.IssueDocument(e.Ctx("ubnd.vt"), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.PDF != nil || countType(e, t, ready) != 0 {
			t.Fatalf("a PDF without a signer: %+v", v.PDF)
		}
		if pending, _ := e.Store.PDFJobPending(ctx, a.ID); !pending {
			t.Fatal("no job left for the next process")
		}

		// 2. The next process dies holding the job (claimed, never
		// finished): a third one leaves it alone while the lease runs …
		if ok, _, _, err := e.Store.ClaimPDFJob(ctx, a.ID, now, now.Add(2*time.Minute)); !ok || err != nil {
			t.Fatalf("claim: %v %v", ok, err)
		}
		_, w, err := restart(e, sign, &now)
		if err != nil {
			t.Fatal(err)
		}
		if made, err := w.RunDue(ctx); made != 0 || err != nil {
			t.Fatalf("made %d (%v) under another's lease", made, err)
		}

		// 3. … and once it has run out, finds the signing service down: the
		// job is put back for later, the document stays issued.
		now = now.Add(3 * time.Minute)
		_, down, err := restart(e, app.Signing{Signer: &signing.Signer{Keys: downKeys{}}}, &now)
		if err != nil {
			t.Fatal(err)
		}
		if made, err := down.RunDue(ctx); made != 0 || err == nil {
			t.Fatalf("made %d with the signing service down (%v)", made, err)
		}
		if made, _ := w.RunDue(ctx); made != 0 {
			t.Fatal("retried before its time")
		}

		// 4. Later, with the service back, the PDF is made, once.
		now = now.Add(time.Minute)
		svc, w, err := restart(e, sign, &now)
		if err != nil {
			t.Fatal(err)
		}
		if made, err := w.RunDue(ctx); made != 1 || err != nil {
			t.Fatalf("made %d: %v", made, err)
		}
		if made, err := w.RunDue(ctx); made != 0 || err != nil {
			t.Fatalf("made again %d: %v", made, err)
		}
		got, err := svc.GetDocument(e.Ctx("ubnd.cv"), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.PDF == nil || got.PDF.Pages < 1 || len(got.Attachments) != 1 || got.Attachments[0].SHA256 != got.PDF.SHA256 {
			t.Fatalf("after the restart: pdf %+v, attachments %+v", got.PDF, got.Attachments)
		}
		if n := countType(e, t, ready); n != 1 {
			t.Errorf("%d document.pdf_ready events, want 1", n)
		}
		// The id chosen at issue survived the crash and the retries: the
		// issued event, the PDF and document.pdf_ready name one attachment.
		want := `"pdf_attachment_id":"` + got.PDF.AttachmentID + `"`
		for _, r := range e.Outbox(t) {
			switch r.Type {
			case "vn.eoffice.document.issued":
				if !contains(r.Data, want) {
					t.Errorf("document.issued %s, want %s", r.Data, want)
				}
			case ready:
				if !contains(r.Data, `"attachment_id":"`+got.PDF.AttachmentID+`"`) {
					t.Errorf("document.pdf_ready %s names another attachment than %s", r.Data, got.PDF.AttachmentID)
				}
			}
		}
		if pending, _ := e.Store.PDFJobPending(ctx, a.ID); pending {
			t.Error("the job is still there")
		}
	})
}

// TestPDFsPaused: a service loading history in bulk (PDFsPaused) issues
// without making the PDF, in the request or by its worker; the job waits
// for a process that runs without the pause, which makes it.
func TestPDFsPaused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		now := time.Date(2026, 3, 5, 2, 0, 0, 0, time.UTC)
		sign, _ := testenv.LocalSigning(t)
		ctx := context.Background()
		e := testenv.New(t, db)
		e.SetClock(now)
		paused := app.New(app.Config{Documents: e.Store, DB: e.DB, Blobs: e.Blobs, Source: "/eoffice/documents",
			Signing: sign, Now: func() time.Time { return now }, PDFsPaused: true})
		a := approved(t, e, "ubnd.cv", directive(id("STTTT")))
		v, err := paused.IssueDocument(e.Ctx("ubnd.vt"), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if v.PDF != nil || v.Status != "issued" {
			t.Fatalf("paused: status %s, PDF %+v", v.Status, v.PDF)
		}
		w, err := app.NewPDFWorker(paused, time.Second, nil)
		if err != nil {
			t.Fatal(err)
		}
		if made, err := w.RunDue(ctx); made != 0 || err != nil {
			t.Fatalf("paused worker made %d (%v)", made, err)
		}
		if pending, _ := e.Store.PDFJobPending(ctx, a.ID); !pending {
			t.Fatal("no job left for a process without the pause")
		}
		_, w, err = restart(e, sign, &now)
		if err != nil {
			t.Fatal(err)
		}
		if made, err := w.RunDue(ctx); made != 1 || err != nil {
			t.Fatalf("made %d (%v) once the pause is over, want 1", made, err)
		}
	})
}

// TestIssueLeavesPDFToWorkerWhileBusy: while another PDF is being made, an
// issue answers without waiting for its own, which PDFWorker makes once
// the slot is free.
func TestIssueLeavesPDFToWorkerWhileBusy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		now := time.Date(2026, 3, 5, 2, 0, 0, 0, time.UTC)
		sign, _ := testenv.LocalSigning(t)
		ctx := context.Background()
		e := testenv.New(t, db)
		e.SetClock(now)
		a := approved(t, e, "ubnd.cv", directive(id("STTTT")))
		svc, w, err := restart(e, sign, &now)
		if err != nil {
			t.Fatal(err)
		}
		release := app.HoldPDFSlot(svc)
		v, err := svc.IssueDocument(e.Ctx("ubnd.vt"), a.ID)
		release()
		if err != nil {
			t.Fatal(err)
		}
		if v.PDF != nil {
			t.Fatalf("the answer waited for a PDF while the slot was taken: %+v", v.PDF)
		}
		if pending, _ := e.Store.PDFJobPending(ctx, a.ID); !pending {
			t.Fatal("no job left for the worker")
		}
		if made, err := w.RunDue(ctx); made != 1 || err != nil {
			t.Fatalf("the worker made %d: %v", made, err)
		}
		got, err := svc.GetDocument(e.Ctx("ubnd.cv"), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.PDF == nil || got.PDF.Pages < 1 {
			t.Fatalf("no PDF after the worker: %+v", got.PDF)
		}
	})
}
