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
	for _, ix := range ftsIndexes {
		if err := s.prepareFTS(ctx, ix); err != nil {
			return err
		}
	}
	s.fts.Store(true)
	return nil
}

// ftsIndex is one of SQLite's trigram indexes of documents: an FTS5 table
// holding a copy of some columns, kept by triggers. Each index row has the
// document row's rowid, so that the update trigger finds the old row by
// rowid; by the UNINDEXED id it scanned the whole index, at every approval
// (signer_search) a cost growing with the data (issue 21: the province's
// documents phase slowed fourfold from 4,000 to 20,000 documents).
// documents has no INTEGER PRIMARY KEY, so its rowids are SQLite's own:
// they never change while a row lives (documents are never deleted), and
// VACUUM keeps them (it copies the table as it is).
type ftsIndex struct {
	table   string
	columns []string // of documents, indexed in this order
}

var ftsIndexes = []ftsIndex{
	{table: "documents_fts", columns: []string{"search_text"}},
	{table: "documents_names", columns: []string{"sender_search", "signer_search"}},
}

// rowidMark is in the insert trigger of an index whose rows take the
// document's rowid.
const rowidMark = "VALUES (new.rowid,"

// prepareFTS makes the index ix if it is missing, rebuilds it if it was made
// before its rowids followed the documents' (once, in one transaction, at
// start-up), and puts its current triggers in place (cheap).
func (s *Store) prepareFTS(ctx context.Context, ix ftsIndex) error {
	var insert string
	err := s.DB.QueryRowContext(ctx, `SELECT COALESCE(MAX(sql), '') FROM sqlite_master WHERE type = 'trigger' AND name = $1`,
		ix.table+"_insert").Scan(&insert)
	if err != nil {
		return fmt.Errorf("search index %s: %w", ix.table, err)
	}
	cols := strings.Join(ix.columns, ", ")
	var news, changed []string
	for _, c := range ix.columns {
		news = append(news, "new."+c)
		changed = append(changed, "old."+c+" IS NOT new."+c)
	}
	insertRow := "INSERT INTO " + ix.table + " (rowid, id, " + cols + ") VALUES (new.rowid, new.id, " + strings.Join(news, ", ") + ");"
	// An index row of the same rowid cannot exist (documents are never
	// deleted); the DELETE by rowid costs nothing if it does not, and
	// would keep the INSERT from failing if it ever did.
	qs := []string{
		"DROP TRIGGER IF EXISTS " + ix.table + "_insert",
		"DROP TRIGGER IF EXISTS " + ix.table + "_update",
	}
	if !strings.Contains(insert, rowidMark) {
		qs = append(qs, "DROP TABLE IF EXISTS "+ix.table,
			"CREATE VIRTUAL TABLE "+ix.table+" USING fts5(id UNINDEXED, "+cols+", tokenize = 'trigram')",
			"INSERT INTO "+ix.table+" (rowid, id, "+cols+") SELECT rowid, id, "+cols+" FROM documents")
	}
	// An UPDATE OF trigger fires whenever its columns are SET, and every
	// lifecycle step (submit, approve, issue: SaveDocument) sets
	// signer_search: the WHEN keeps the rewrite to a real change (the
	// approval that signs a document).
	qs = append(qs,
		"CREATE TRIGGER "+ix.table+"_insert AFTER INSERT ON documents BEGIN DELETE FROM "+ix.table+
			" WHERE rowid = new.rowid; "+insertRow+" END",
		"CREATE TRIGGER "+ix.table+"_update AFTER UPDATE OF "+cols+" ON documents WHEN "+strings.Join(changed, " OR ")+
			" BEGIN DELETE FROM "+ix.table+" WHERE rowid = old.rowid; "+insertRow+" END")
	err = s.DB.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		for _, q := range qs {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("search index %s: %w", ix.table, err)
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
		return "d.id IN (SELECT id FROM documents_fts WHERE documents_fts MATCH " + q.arg(ftsPhrase(folded)) + ")"
	}
	return "d.search_text LIKE " + q.arg("%"+likeEscaper.Replace(folded)+"%") + ` ESCAPE '\'`
}

// ftsPhrase is SQLite's trigram query of the folded text: one phrase.
func ftsPhrase(folded string) string { return `"` + strings.ReplaceAll(folded, `"`, `""`) + `"` }
