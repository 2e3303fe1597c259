package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// TestPDFJobAndRecord: a queued job is claimed once per lease, put back
// for later on failure, and recorded once; images' blobs count as
// referenced.
func TestPDFJobAndRecord(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			if err := s.InsertDocument(ctx, tx, draft("d1", "A", t0)); err != nil {
				return err
			}
			if err := s.QueuePDF(ctx, tx, "d1", "a1", t0); err != nil {
				return err
			}
			return s.QueuePDF(ctx, tx, "d1", "a2", t0.Add(time.Hour)) // a repeat changes nothing
		})
		if ids, err := s.DuePDFJobs(ctx, t0, 10); err != nil || len(ids) != 1 || ids[0] != "d1" {
			t.Fatalf("due: %v %v", ids, err)
		}
		claim := func(at time.Time) bool {
			ok, _, attID, err := s.ClaimPDFJob(ctx, "d1", at, at.Add(2*time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			if ok && attID != "a1" {
				t.Fatalf("claimed job names attachment %q, want the first queue's a1", attID)
			}
			return ok
		}
		if !claim(t0) || claim(t0.Add(time.Minute)) {
			t.Fatal("a job is claimed once per lease")
		}
		if err := s.FailPDFJob(ctx, "d1", t0.Add(10*time.Minute), "signing service down"); err != nil {
			t.Fatal(err)
		}
		if claim(t0.Add(5*time.Minute)) || !claim(t0.Add(10*time.Minute)) {
			t.Fatal("a failed job waits for its retry time, then is claimed")
		}
		pdf := domain.IssuedPDF{AttachmentID: "p1", SHA256: "sum-pdf", Pages: 2, CreatedAt: t0}
		att := domain.Attachment{ID: "p1", DocumentID: "d1", Filename: "01-CT.pdf", ContentType: domain.ContentTypePDF,
			Size: 10, SHA256: "sum-pdf", UploadedBy: "u", CreatedAt: t0, System: domain.SystemIssuedPDF, Seal: domain.SealSigned}
		for i, want := range []bool{true, false} {
			att.ID, pdf.AttachmentID = []string{"p1", "p2"}[i], []string{"p1", "p2"}[i]
			if got, err := s.RecordPDF(ctx, "d1", pdf, att, nil, nil); got != want || err != nil {
				t.Fatalf("record %d: %v %v, want %v", i, got, err, want)
			}
		}
		if got, err := s.IssuedPDF(ctx, "d1"); err != nil || got.AttachmentID != "p1" || got.Pages != 2 {
			t.Fatalf("pdf %+v %v", got, err)
		}
		if atts, _ := s.Attachments(ctx, "d1"); len(atts) != 1 || atts[0].System != domain.SystemIssuedPDF {
			t.Fatalf("attachments %+v", atts)
		}
		if pending, _ := s.PDFJobPending(ctx, "d1"); pending {
			t.Fatal("the job outlived its record")
		}
		if _, err := s.IssuedPDF(ctx, "d2"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("no pdf: %v", err)
		}

		img := domain.SigningImage{Kind: domain.ImageSeal, OwnerID: "A", SHA256: "sum-seal", Size: 3, UpdatedBy: "admin", UpdatedAt: t0}
		if err := s.PutSigningImage(ctx, img); err != nil {
			t.Fatal(err)
		}
		img.SHA256 = "sum-seal-2"
		if err := s.PutSigningImage(ctx, img); err != nil {
			t.Fatal(err)
		}
		if got, err := s.SigningImage(ctx, domain.ImageSeal, "A"); err != nil || got.SHA256 != "sum-seal-2" {
			t.Fatalf("image %+v %v", got, err)
		}
		refs, err := s.ReferencedBlobs(ctx, []string{"sum-pdf", "sum-seal", "sum-seal-2"})
		if err != nil || len(refs) != 2 || !refs["sum-pdf"] || !refs["sum-seal-2"] {
			t.Fatalf("refs %v %v", refs, err)
		}
	})
}
