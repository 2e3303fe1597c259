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
			// Notation prefixes (prefixOf), byte-wise whatever the
			// collation.
			`CREATE INDEX IF NOT EXISTS documents_notation_pattern ON documents (notation text_pattern_ops) WHERE notation IS NOT NULL`,
			`CREATE INDEX IF NOT EXISTS documents_original_notation_pattern ON documents (original_notation text_pattern_ops) WHERE original_notation <> ''`,
			// Sender and signer names (nameCondition).
			`CREATE INDEX IF NOT EXISTS documents_sender_trgm ON documents USING gin (sender_search gin_trgm_ops)`,
			`CREATE INDEX IF NOT EXISTS documents_signer_trgm ON documents USING gin (signer_search gin_trgm_ops)`,
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
				ftsUpdate,
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
	if err := s.prepareNames(ctx); err != nil {
		return err
	}
	if err := s.replaceUpdateTriggers(ctx); err != nil {
		return err
	}
	s.fts.Store(true)
	return nil
}

// The update triggers' DELETE finds the old row by its UNINDEXED id, a scan
// of the whole index: they run only when the indexed text really changed.
// An UPDATE OF trigger fires whenever its columns are SET, and every
// lifecycle step (submit, approve, issue: SaveDocument) sets
// signer_search, so without the WHEN each step scanned every document's
// names (most of the documents service's time in a bulk load, growing with
// the data); now only the approval that signs a document does.
const (
	ftsUpdate = `CREATE TRIGGER documents_fts_update AFTER UPDATE OF search_text ON documents
		WHEN old.search_text IS NOT new.search_text BEGIN
		DELETE FROM documents_fts WHERE id = old.id;
		INSERT INTO documents_fts (id, search_text) VALUES (new.id, new.search_text); END`
	namesUpdate = `CREATE TRIGGER documents_names_update AFTER UPDATE OF sender_search, signer_search ON documents
		WHEN old.sender_search IS NOT new.sender_search OR old.signer_search IS NOT new.signer_search BEGIN
		DELETE FROM documents_names WHERE id = old.id;
		INSERT INTO documents_names (id, sender_search, signer_search) VALUES (new.id, new.sender_search, new.signer_search); END`
)

// replaceUpdateTriggers puts the current update triggers in place of those
// a database was made with (cheap: no index is rebuilt).
func (s *Store) replaceUpdateTriggers(ctx context.Context) error {
	err := s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		for _, q := range []string{`DROP TRIGGER IF EXISTS documents_fts_update`, ftsUpdate,
			`DROP TRIGGER IF EXISTS documents_names_update`, namesUpdate} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("search index triggers: %w", err)
	}
	return nil
}

// prepareNames makes SQLite's trigram index of the folded sender and
// signer names (documents_names), for databases made before it too.
func (s *Store) prepareNames(ctx context.Context) error {
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE name = 'documents_names'`).Scan(&n); err != nil {
		return fmt.Errorf("names index: %w", err)
	}
	if n > 0 {
		return nil
	}
	err := s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		for _, q := range []string{
			`CREATE VIRTUAL TABLE documents_names USING fts5(id UNINDEXED, sender_search, signer_search, tokenize = 'trigram')`,
			`CREATE TRIGGER documents_names_insert AFTER INSERT ON documents BEGIN
				INSERT INTO documents_names (id, sender_search, signer_search) VALUES (new.id, new.sender_search, new.signer_search); END`,
			namesUpdate,
			`INSERT INTO documents_names (id, sender_search, signer_search) SELECT id, sender_search, signer_search FROM documents`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("names index: %w", err)
	}
	return nil
}

// nameCondition is the WHERE condition "the folded name in col (sender_search
// or signer_search) holds folded": through SQLite's trigram index when it
// is long enough and nothing else narrows the search (narrowed), else (and
// on PostgreSQL, whose planner weighs the pg_trgm index itself) a LIKE.
func (s *Store) nameCondition(q *query, col, folded string, narrowed bool) string {
	if s.fts.Load() && !narrowed && utf8.RuneCountInString(folded) >= MinSearch {
		phrase := col + ` : "` + strings.ReplaceAll(folded, `"`, `""`) + `"`
		return "d.id IN (SELECT id FROM documents_names WHERE documents_names MATCH " + q.arg(phrase) + ")"
	}
	return "d." + col + " LIKE " + q.arg("%"+likeEscaper.Replace(folded)+"%") + ` ESCAPE '\'`
}

// searchCondition is the WHERE condition matching folded q.
func (s *Store) searchCondition(q *query, folded string) string {
	if s.fts.Load() && utf8.RuneCountInString(folded) >= MinSearch {
		phrase := `"` + strings.ReplaceAll(folded, `"`, `""`) + `"`
		return "d.id IN (SELECT id FROM documents_fts WHERE documents_fts MATCH " + q.arg(phrase) + ")"
	}
	return "d.search_text LIKE " + q.arg("%"+likeEscaper.Replace(folded)+"%") + ` ESCAPE '\'`
}
