package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/store"
)

// commonMatches is how many documents of the whole province a text must
// match before a search reads the agency's documents in order instead of
// every match of the trigram index (byAgency). Reading the matches costs
// about 10 µs each (a document and its visibility): below this, about
// what a page read from the agency's documents in order costs, at any
// size of the province. A rarer text keeps the index, whose matches may
// be spread over more of the agency's documents than the walk would read
// (BenchmarkSearch's text: 100 matches in 100,000 documents of one
// agency). Counting costs up to commonMatches matches too: on PostgreSQL
// a scan of the documents until that many match (about 4,000 rows for a
// word of one summary in 20), so it is kept low.
var commonMatches = 200

// byAgency tells whether the search without a box (every document the
// agency issues or was issued) is read from the agency's own documents in
// their order (agencySQL): when nothing narrows it but a kind, a channel,
// a status or a text. The search's usual plan reads the province's
// documents in its order (nothing narrowing) or every match of the text
// (SQLite's FTS index), and keeps the agency's: a cost growing with the
// province, while a page of the agency's costs its page (issue 21). A
// narrower condition (a notation, a number, a period, a name) keeps its
// own index, and so does a text with fewer than commonMatches matches.
func (s *Store) byAgency(ctx context.Context, lq ListQuery) (bool, error) {
	if lq.Box != "" || lq.NotationFirst != "" || lq.Notation != "" || lq.IncomingNumber > 0 || lq.From != "" || lq.To != "" ||
		lq.Sender != "" || lq.Recipient != "" || lq.Signer != "" {
		return false, nil
	}
	if lq.Q == "" || utf8.RuneCountInString(lq.Q) < MinSearch {
		return true, nil // no index serves a short text
	}
	// The matches of the trigram index (search.go), at most
	// commonMatches of them.
	probe := `SELECT COUNT(*) FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH $1 LIMIT $2) m`
	arg := ftsPhrase(lq.Q)
	if !s.fts.Load() {
		probe = `SELECT COUNT(*) FROM (SELECT 1 FROM documents d WHERE d.search_text LIKE $1 ESCAPE '\' LIMIT $2) m`
		arg = "%" + likeEscaper.Replace(lq.Q) + "%"
	}
	var n int
	if err := s.DB.QueryRowContext(ctx, probe, arg, commonMatches).Scan(&n); err != nil {
		return false, fmt.Errorf("search: matches of %q: %w", lq.Q, err)
	}
	return n >= commonMatches, nil
}

// agencySQL is the query of a page of the search without a box read from
// the agency's documents (byAgency), its arguments and the page's size:
// the documents it issues (documents_issuer_by_date) and those issued to
// it, found by its receipts (receipts_by_issue: a receipt's box_at is its
// document's issue), each read from the cursor on in the search's order
// (newest first, listSQL's byDate) and merged, as the incoming box does.
// An issued document has a receipt for each recipient agency but its
// issuer's (domain.NewReceipts), so the two parts are the documents
// listSQL finds, each once.
func (s *Store) agencySQL(ctx context.Context, lq ListQuery) (string, []any, int, error) {
	q := &query{}
	agency := q.arg(lq.Actor.AgencyID)
	if lq.Q != "" {
		// A test of the rows read, not the index's set of every match:
		// on PostgreSQL a strpos, which its trigram index does not serve
		// (offered a LIKE, its planner read every match of the province
		// for the agency's own part).
		if s.DB.Dialect == store.Postgres {
			q.and("strpos(d.search_text, " + q.arg(lq.Q) + ") > 0")
		} else {
			q.and("d.search_text LIKE " + q.arg("%"+likeEscaper.Replace(lq.Q)+"%") + ` ESCAPE '\'`)
		}
		lq.Q = ""
	}
	if lq.Status != "" {
		q.and("d.status = " + q.arg(lq.Status))
	}
	if err := s.searchFilters(ctx, q, lq); err != nil {
		return "", nil, 0, err
	}
	q.visible(lq.Actor)
	own := append([]string{"d.issuer_unit_id = " + agency}, q.where...)
	received := append([]string{"r.agency_id = " + agency, "d.issuer_unit_id <> " + agency, "d.issued_at IS NOT NULL",
		"EXISTS (SELECT 1 FROM document_recipients dr WHERE dr.document_id = d.id AND dr.agency_id = " + agency + ")"}, q.where...)
	if len(lq.After) > 0 {
		// byDate's cursor: first and rank are 0 on every row here.
		f, rank, at, id, err := boxCursor(lq.After)
		if err != nil {
			return "", nil, 0, err
		}
		if f == 0 {
			f = rank
		}
		own = append(own, after(q, "0", f, []string{"COALESCE(d.issued_at, d.created_at)", "d.id"}, at, id))
		received = append(received, after(q, "0", f, []string{"r.box_at", "r.document_id"}, at, id))
	}
	limit := lq.Limit
	if limit <= 0 {
		limit = httpx.DefaultLimit
	}
	cols := "SELECT " + listColumns + ", 0 AS box_first, 0 AS box_rank, "
	lim := " LIMIT " + q.arg(limit+1)
	ownSQL := cols + "COALESCE(d.issued_at, d.created_at) AS box_at FROM documents d WHERE " + strings.Join(own, " AND ") +
		" ORDER BY COALESCE(d.issued_at, d.created_at) DESC, d.id DESC" + lim
	receivedSQL := cols + "r.box_at AS box_at FROM receipts r JOIN documents d ON d.id = r.document_id WHERE " +
		strings.Join(received, " AND ") + " ORDER BY r.box_at DESC, r.document_id DESC" + lim
	sqlText := "SELECT * FROM (" + ownSQL + ") agency_own UNION ALL SELECT * FROM (" + receivedSQL + ") agency_received" +
		" ORDER BY box_at DESC, id DESC" + lim
	return sqlText, q.args, limit, nil
}
