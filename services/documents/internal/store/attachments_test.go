package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// TestReferencedBlobs: the collector's question, for a full batch of
// hashes, and after removals.
func TestReferencedBlobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			if err := s.InsertDocument(ctx, tx, draft("d1", "A", t0)); err != nil {
				return err
			}
			for i, sum := range []string{"s1", "s1", "s2"} {
				a := domain.Attachment{ID: fmt.Sprint("a", i), DocumentID: "d1", Filename: "x.pdf", ContentType: "application/pdf",
					Size: 1, SHA256: sum, UploadedBy: "u", CreatedAt: t0}
				if err := s.InsertAttachment(ctx, tx, a); err != nil {
					return err
				}
			}
			return nil
		})
		ask := []string{"s1", "s2", "s3"}
		for i := range 500 {
			ask = append(ask, fmt.Sprint("x", i))
		}
		refs, err := s.ReferencedBlobs(ctx, ask)
		if err != nil || len(refs) != 2 || !refs["s1"] || !refs["s2"] {
			t.Fatalf("refs %v, %v", refs, err)
		}
		if refs, err := s.ReferencedBlobs(ctx, nil); err != nil || len(refs) != 0 {
			t.Fatalf("none asked: %v %v", refs, err)
		}
		// One of two rows naming s1 goes: s1 is still referenced.
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return s.DeleteAttachment(ctx, tx, "d1", "a0") })
		err = db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error { return s.DeleteAttachment(ctx, tx, "d1", "a0") })
		if !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("delete twice: %v", err)
		}
		err = db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error { return s.DeleteAttachment(ctx, tx, "d2", "a1") })
		if !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("another document's attachment: %v", err)
		}
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return s.DeleteAttachment(ctx, tx, "d1", "a2") })
		if refs, err := s.ReferencedBlobs(ctx, ask); err != nil || len(refs) != 1 || !refs["s1"] {
			t.Fatalf("after removals %v, %v", refs, err)
		}
	})
}
