package store

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// BackfillSearchText folds the search text of documents stored before the
// column existed (SQL cannot strip Vietnamese diacritics portably), in
// batches. Every document has a summary, so an empty search text means
// "not yet folded". It returns how many it folded.
func (s *Store) BackfillSearchText(ctx context.Context) (int, error) {
	total := 0
	for {
		var batch []domain.Document
		rows, err := s.DB.QueryContext(ctx, `SELECT id, summary, body FROM documents WHERE search_text = '' LIMIT 500`)
		if err != nil {
			return total, fmt.Errorf("backfill search text: %w", err)
		}
		for rows.Next() {
			var d domain.Document
			if err := rows.Scan(&d.ID, &d.Summary, &d.Body); err != nil {
				rows.Close()
				return total, fmt.Errorf("backfill search text: %w", err)
			}
			batch = append(batch, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return total, fmt.Errorf("backfill search text: %w", err)
		}
		if len(batch) == 0 {
			return total, nil
		}
		err = s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			for _, d := range batch {
				text := d.SearchText()
				if text == "" {
					text = " " // nothing to find, but folded
				}
				if _, err := tx.ExecContext(ctx, `UPDATE documents SET search_text = $1 WHERE id = $2`, text, d.ID); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("backfill search text: %w", err)
		}
		total += len(batch)
	}
}
