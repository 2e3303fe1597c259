package store

import (
	"cmp"
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
			return total, s.backfillNames(ctx)
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

// backfillNames folds the sender and signer names of documents stored
// before migration 00016, for the search's sender= and signer=.
func (s *Store) backfillNames(ctx context.Context) error {
	type row struct{ id, sender, signer string }
	for {
		var batch []row
		rows, err := s.DB.QueryContext(ctx, `SELECT id, sender_name, sender_code, signer_name, external_signer_name FROM documents
			WHERE (sender_search = '' AND (sender_name <> '' OR sender_code <> ''))
			OR (signer_search = '' AND (signer_name <> '' OR external_signer_name <> '')) LIMIT 500`)
		if err != nil {
			return fmt.Errorf("backfill names: %w", err)
		}
		for rows.Next() {
			var r row
			var code, external string
			if err := rows.Scan(&r.id, &r.sender, &code, &r.signer, &external); err != nil {
				rows.Close()
				return fmt.Errorf("backfill names: %w", err)
			}
			// A space: folded, with nothing to find, so not selected again.
			r.sender = domain.Fold(r.sender+" "+code) + " "
			r.signer = domain.Fold(cmp.Or(r.signer, external)) + " "
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("backfill names: %w", err)
		}
		if len(batch) == 0 {
			return nil
		}
		err = s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			for _, r := range batch {
				if _, err := tx.ExecContext(ctx, `UPDATE documents SET sender_search = $1, signer_search = $2 WHERE id = $3`,
					r.sender, r.signer, r.id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("backfill names: %w", err)
		}
	}
}
