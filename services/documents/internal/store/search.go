package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Search indexes. A plain LIKE '%q%' scans every document's folded text
// (about 2 s at 100,000 documents on SQLite); these make it an index
// lookup. They are dialect-specific, so they are made here rather than in
// the portable migrations, and a service without them still answers, only
// slower.
//
//   - PostgreSQL: a pg_trgm GIN index on search_text serves the same LIKE.
//   - SQLite: an FTS5 table with the trigram tokenizer holds a copy of
//     search_text, kept by triggers; a phrase query of three characters or
//     more finds substrings through it.

// MinSearch is the shortest search the indexes serve (domain.MinSearch).
const MinSearch = domain.MinSearch

// PrepareSearch creates the search index of the database if it is missing.
// On PostgreSQL without the right to create pg_trgm it returns an error
// and search falls back to scanning.
func (s *Store) PrepareSearch(ctx context.Context) error {
	if s.DB.Dialect == store.Postgres {
		for _, q := range []string{
			`CREATE EXTENSION IF NOT EXISTS pg_trgm`,
			`CREATE INDEX IF NOT EXISTS documents_search_trgm ON documents USING gin (search_text gin_trgm_ops)`,
		} {
			if _, err := s.DB.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("search index: %w", err)
			}
		}
		return nil
	}
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE name = 'documents_fts'`).Scan(&n); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if n == 0 {
		err := s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			for _, q := range []string{
				`CREATE VIRTUAL TABLE documents_fts USING fts5(id UNINDEXED, search_text, tokenize = 'trigram')`,
				`CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
					INSERT INTO documents_fts (id, search_text) VALUES (new.id, new.search_text); END`,
				// Only drafts are edited, and rarely: the delete may scan.
				`CREATE TRIGGER documents_fts_update AFTER UPDATE OF search_text ON documents BEGIN
					DELETE FROM documents_fts WHERE id = old.id;
					INSERT INTO documents_fts (id, search_text) VALUES (new.id, new.search_text); END`,
				`INSERT INTO documents_fts (id, search_text) SELECT id, search_text FROM documents`,
			} {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	s.fts.Store(true)
	return nil
}

// searchCondition is the WHERE condition matching folded q.
func (s *Store) searchCondition(q *query, folded string) string {
	if s.fts.Load() && utf8.RuneCountInString(folded) >= MinSearch {
		phrase := `"` + strings.ReplaceAll(folded, `"`, `""`) + `"`
		return "d.id IN (SELECT id FROM documents_fts WHERE documents_fts MATCH " + q.arg(phrase) + ")"
	}
	return "d.search_text LIKE " + q.arg("%"+likeEscaper.Replace(folded)+"%") + ` ESCAPE '\'`
}
