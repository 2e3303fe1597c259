package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// ReceiveDocument stores a document that came from outside (paper), built
// by make in this transaction (which numbers its receipt at once),
// claiming key first: a repeat of the key gets the first document's id,
// replayed, and takes no number.
func (s *Store) ReceiveDocument(ctx context.Context, key idempotency.Key, make app.IncomingStep) (string, bool, error) {
	return idempotency.Do(ctx, s.DB, key, func(ctx context.Context, tx *store.Tx) (string, error) {
		n, err := make(ctx, Bound{s: s, tx: tx})
		if err != nil {
			return "", err
		}
		return n.Document.ID, s.insertIncoming(ctx, tx, n)
	})
}

// ReceivePackage makes the document of exchange package packageID unless
// one exists already (created is false then, and make is not run), and
// ends the package's intake job, all in one transaction.
func (s *Store) ReceivePackage(ctx context.Context, packageID string, make app.IncomingStep) (id string, created bool, err error) {
	err = s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE exchange_package_id = $1`, packageID).Scan(&id)
		switch {
		case err == nil:
		case errors.Is(err, sql.ErrNoRows):
			n, err := make(ctx, Bound{s: s, tx: tx})
			if err != nil {
				return err
			}
			if err := s.insertIncoming(ctx, tx, n); err != nil {
				return err
			}
			id, created = n.Document.ID, true
		default:
			return fmt.Errorf("document of package %s: %w", packageID, err)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM exchange_intake WHERE package_id = $1`, packageID)
		return err
	})
	return id, created, err
}

// insertIncoming writes an incoming document, released at once, its one
// receipt (registered already for paper), attachments, history and events.
func (s *Store) insertIncoming(ctx context.Context, tx *store.Tx, n app.NewIncoming) error {
	d := n.Document
	if err := s.InsertDocument(ctx, tx, d); err != nil {
		return err
	}
	// The release columns are the lifecycle's, written as an issue does.
	if err := s.SaveDocument(ctx, tx, d, d.Status); err != nil {
		return err
	}
	r := n.Receipt
	fresh := r
	fresh.Status = domain.ReceiptReceived
	if err := s.InsertReceipts(ctx, tx, []domain.Receipt{fresh}); err != nil {
		return err
	}
	if r.Status != domain.ReceiptReceived {
		if err := s.SaveReceipt(ctx, tx, r, domain.ReceiptReceived); err != nil {
			return err
		}
	}
	for _, a := range n.Attachments {
		if err := s.InsertAttachment(ctx, tx, a); err != nil {
			return err
		}
	}
	for _, h := range n.History {
		if err := s.AddHistory(ctx, tx, h); err != nil {
			return err
		}
	}
	return s.publish(ctx, tx, n.Events)
}
