package store

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// IssueCopy locks the original (a revocation queues behind it, and the
// copy sees its final status) and has make build the copy, numbered from
// the copying agency's register in this transaction; the copy, already
// issued, its receipts, history entry and events are stored with it.
// The idempotency key is claimed first in the same transaction.
func (s *Store) IssueCopy(ctx context.Context, key idempotency.Key, originalID string, make app.CopyStep) (string, bool, error) {
	return idempotency.Do(ctx, s.DB, key, func(ctx context.Context, tx *store.Tx) (string, error) {
		original, err := s.DocumentForUpdate(ctx, tx, originalID)
		if err != nil {
			return "", err
		}
		c, err := make(ctx, Bound{s: s, tx: tx}, original)
		if err != nil {
			return "", err
		}
		if err := s.InsertDocument(ctx, tx, c.Copy); err != nil {
			return "", err
		}
		// The insert keeps a draft's columns; the numbering and release
		// columns are the lifecycle's, written as an issue writes them.
		if err := s.SaveDocument(ctx, tx, c.Copy, c.Copy.Status); err != nil {
			return "", err
		}
		if err := s.InsertReceipts(ctx, tx, c.Receipts); err != nil {
			return "", err
		}
		if !c.PDFAt.IsZero() {
			if err := s.QueuePDF(ctx, tx, c.Copy.ID, c.PDFAttachmentID, c.PDFAt); err != nil {
				return "", err
			}
		}
		return c.Copy.ID, s.record(ctx, tx, c.History, c.Events)
	})
}

// Copies lists the copies made of document id, oldest first.
func (s *Store) Copies(ctx context.Context, id string) ([]domain.Document, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT id FROM documents WHERE copy_of_document_id = $1 ORDER BY issued_at, id`, id)
	if err != nil {
		return nil, fmt.Errorf("copies of %s: %w", id, err)
	}
	var ids []string
	for rows.Next() {
		var cid string
		if err := rows.Scan(&cid); err != nil {
			rows.Close()
			return nil, fmt.Errorf("copies of %s: %w", id, err)
		}
		ids = append(ids, cid)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("copies of %s: %w", id, err)
	}
	out := make([]domain.Document, 0, len(ids))
	for _, cid := range ids {
		c, err := s.Document(ctx, cid)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
