package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

var _ app.OfficialStore = (*Store)(nil)

// QueuePDF records, in the transaction, that documentID's PDF is
// to be made; a second call for the same document changes nothing.
func (s *Store) QueuePDF(ctx context.Context, tx *store.Tx, documentID, attachmentID string, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO pdf_jobs (document_id, attachment_id, not_before, created_at) VALUES ($1, $2, $3, $3)
		ON CONFLICT (document_id) DO NOTHING`, documentID, attachmentID, store.FormatTime(at))
	if err != nil {
		return fmt.Errorf("queue pdf of %s: %w", documentID, err)
	}
	return nil
}

// QueuePDF binds the queueing to the step's transaction (app.Writes).
func (b Bound) QueuePDF(ctx context.Context, documentID, attachmentID string, at time.Time) error {
	return b.s.QueuePDF(ctx, b.tx, documentID, attachmentID, at)
}

// DuePDFJobs lists up to limit documents whose PDF is due at now, oldest
// first.
func (s *Store) DuePDFJobs(ctx context.Context, now time.Time, limit int) ([]string, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT document_id FROM pdf_jobs WHERE not_before <= $1
		ORDER BY created_at, document_id LIMIT $2`, store.FormatTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("due pdf jobs: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("due pdf jobs: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ClaimPDFJob takes documentID's job when it is due at now, leasing it
// until until: a second worker (another request, the background loop,
// another instance) leaves it alone meanwhile, and a worker that dies
// holding it only delays it to until. claimed is false when there is no
// due job. attachmentID is the PDF's attachment id chosen at issue ("" for
// a job queued before it was).
func (s *Store) ClaimPDFJob(ctx context.Context, documentID string, now, until time.Time) (claimed bool, attempts int, attachmentID string, err error) {
	err = s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		return tx.QueryRowContext(ctx, `UPDATE pdf_jobs SET not_before = $1, attempts = attempts + 1
			WHERE document_id = $2 AND not_before <= $3 RETURNING attempts, attachment_id`,
			store.FormatTime(until), documentID, store.FormatTime(now)).Scan(&attempts, &attachmentID)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return false, 0, "", nil
	}
	if err != nil {
		return false, 0, "", fmt.Errorf("claim pdf job %s: %w", documentID, err)
	}
	return true, attempts, attachmentID, nil
}

// FailPDFJob puts a failed job back, due again at retryAt.
func (s *Store) FailPDFJob(ctx context.Context, documentID string, retryAt time.Time, problem string) error {
	err := s.exec(ctx, `UPDATE pdf_jobs SET not_before = $1, last_error = $2 WHERE document_id = $3`,
		store.FormatTime(retryAt), problem, documentID)
	if err != nil {
		return fmt.Errorf("fail pdf job %s: %w", documentID, err)
	}
	return nil
}

// PDFJobPending reports whether documentID's PDF is still to be made.
func (s *Store) PDFJobPending(ctx context.Context, documentID string) (bool, error) {
	var n int
	err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM pdf_jobs WHERE document_id = $1`, documentID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("pdf job %s: %w", documentID, err)
	}
	return n > 0, nil
}

// RecordPDF finishes documentID's job in one transaction: the PDF's
// attachment row, the document's PDF record, the sealed attachments'
// new contents, the job's removal and evs. It reports false, storing
// nothing, when the PDF was recorded already (another worker finished
// first).
func (s *Store) RecordPDF(ctx context.Context, documentID string, pdf domain.IssuedPDF, att domain.Attachment,
	sealed []domain.Attachment, evs []envelope.Event) (bool, error) {
	recorded := false
	err := s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := s.DocumentForUpdate(ctx, tx, documentID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO document_pdfs (document_id, attachment_id, sha256, pages, created_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (document_id) DO NOTHING`,
			documentID, pdf.AttachmentID, pdf.SHA256, pdf.Pages, store.FormatTime(pdf.CreatedAt))
		if err != nil {
			return fmt.Errorf("record pdf of %s: %w", documentID, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		if err := s.InsertAttachment(ctx, tx, att); err != nil {
			return err
		}
		for _, a := range sealed {
			if _, err := tx.ExecContext(ctx, `UPDATE attachments SET sha256 = $1, size = $2, seal = $3
				WHERE document_id = $4 AND id = $5`, a.SHA256, a.Size, a.Seal, documentID, a.ID); err != nil {
				return fmt.Errorf("seal attachment %s: %w", a.ID, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM pdf_jobs WHERE document_id = $1`, documentID); err != nil {
			return fmt.Errorf("finish pdf job %s: %w", documentID, err)
		}
		if len(evs) > 0 {
			if s.Outbox == nil {
				return errors.New("store: events to publish but no outbox")
			}
			if err := s.Outbox.Add(ctx, tx, evs...); err != nil {
				return err
			}
		}
		recorded = true
		return nil
	})
	return recorded, err
}

// IssuedPDF returns the record of documentID's signed PDF, or ErrNotFound.
func (s *Store) IssuedPDF(ctx context.Context, documentID string) (domain.IssuedPDF, error) {
	var p domain.IssuedPDF
	var at string
	err := s.DB.QueryRowContext(ctx, `SELECT attachment_id, sha256, pages, created_at FROM document_pdfs
		WHERE document_id = $1`, documentID).Scan(&p.AttachmentID, &p.SHA256, &p.Pages, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("pdf of %s: %w", documentID, ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("pdf of %s: %w", documentID, err)
	}
	p.CreatedAt, err = store.ParseTime(at)
	return p, err
}

// SigningImage returns a stored signature or seal image's record, or
// ErrNotFound.
func (s *Store) SigningImage(ctx context.Context, kind, ownerID string) (domain.SigningImage, error) {
	img := domain.SigningImage{Kind: kind, OwnerID: ownerID}
	var at string
	err := s.DB.QueryRowContext(ctx, `SELECT sha256, size, updated_by, updated_at FROM signing_images
		WHERE kind = $1 AND owner_id = $2`, kind, ownerID).Scan(&img.SHA256, &img.Size, &img.UpdatedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return img, fmt.Errorf("%s image of %s: %w", kind, ownerID, ErrNotFound)
	}
	if err != nil {
		return img, fmt.Errorf("%s image of %s: %w", kind, ownerID, err)
	}
	img.UpdatedAt, err = store.ParseTime(at)
	return img, err
}

// PutSigningImage stores or replaces an image's record (its blob is
// stored already).
func (s *Store) PutSigningImage(ctx context.Context, img domain.SigningImage) error {
	err := s.exec(ctx, `INSERT INTO signing_images (kind, owner_id, sha256, size, updated_by, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (kind, owner_id) DO UPDATE SET sha256 = excluded.sha256,
		size = excluded.size, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		img.Kind, img.OwnerID, img.SHA256, img.Size, img.UpdatedBy, store.FormatTime(img.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store %s image of %s: %w", img.Kind, img.OwnerID, err)
	}
	return nil
}

// exec runs one write in a transaction of its own (writes go to the
// writer, never the reader pool).
func (s *Store) exec(ctx context.Context, q string, args ...any) error {
	return s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	})
}
