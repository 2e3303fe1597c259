package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// InsertReceipts stores the receipts of an issued document.
func (s *Store) InsertReceipts(ctx context.Context, tx *store.Tx, rs []domain.Receipt) error {
	for _, r := range rs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO receipts (document_id, agency_id, status, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5)`, r.DocumentID, r.AgencyID, string(r.Status), fmtTime(r.CreatedAt), fmtTime(r.UpdatedAt)); err != nil {
			return fmt.Errorf("insert receipt %s/%s: %w", r.DocumentID, r.AgencyID, err)
		}
	}
	return nil
}

// Receipts lists a document's receipts in agency id order.
func (s *Store) Receipts(ctx context.Context, q Querier, documentID string) ([]domain.Receipt, error) {
	rows, err := q.QueryContext(ctx, `SELECT document_id, agency_id, status, incoming_number, created_at, updated_at
		FROM receipts WHERE document_id = $1 ORDER BY agency_id`, documentID)
	if err != nil {
		return nil, fmt.Errorf("receipts of %s: %w", documentID, err)
	}
	defer rows.Close()
	var out []domain.Receipt
	for rows.Next() {
		var (
			r                    domain.Receipt
			status, created, upd string
			number               sql.NullInt64
		)
		if err := rows.Scan(&r.DocumentID, &r.AgencyID, &status, &number, &created, &upd); err != nil {
			return nil, fmt.Errorf("receipts of %s: %w", documentID, err)
		}
		r.Status, r.IncomingNumber = domain.ReceiptStatus(status), number.Int64
		if r.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		if r.UpdatedAt, err = parseTime(upd); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
