package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
)

// incomingSQL is the query of a page of the incoming box (listSQL), its
// arguments and the page's size. The box is the agency's receipts, by
// their place in the box (receipts_box: what still waits first, most
// urgent first, then by issue), and the agency's own documents addressed
// to itself, which take no receipt (documents_own_box: by issue). Each
// part reads its next page from its index, from the cursor on, and the
// two pages are merged: a page costs its size, at any depth.
func (s *Store) incomingSQL(ctx context.Context, lq ListQuery) (string, []any, int, error) {
	q := &query{}
	agency := q.arg(lq.Actor.AgencyID)
	if err := s.searchFilters(ctx, q, lq); err != nil {
		return "", nil, 0, err
	}
	q.visible(lq.Actor)
	q.and("d.issued_at IS NOT NULL")
	q.and("EXISTS (SELECT 1 FROM document_recipients dr WHERE dr.document_id = d.id AND dr.agency_id = " + agency + ")")
	common := q.where
	first := "0"
	if lq.NotationFirst != "" {
		n := q.arg(lq.NotationFirst)
		first = "CASE WHEN d.notation = " + n + " OR d.original_notation = " + n + " THEN 1 ELSE 0 END"
	}
	limit := lq.Limit
	if limit <= 0 {
		limit = httpx.DefaultLimit
	}
	received := append([]string{"r.agency_id = " + agency}, common...)
	if lq.Status != "" {
		received = append(received, "r.status = "+q.arg(lq.Status))
	}
	if lq.IncomingNumber > 0 {
		received = append(received, "r.incoming_number = "+q.arg(lq.IncomingNumber), numbered(q, lq))
	}
	// Only a receipt has a status or an incoming number.
	ownPart := lq.Status == "" && lq.IncomingNumber == 0
	own := append([]string{"d.issuer_unit_id = " + agency, "d.self_addressed = TRUE"}, common...)
	if len(lq.After) > 0 {
		f, rank, at, id, err := boxCursor(lq.After)
		if err != nil {
			return "", nil, 0, err
		}
		received = append(received, after(q, first, f, []string{"r.box_rank", "r.box_at", "r.document_id"}, rank, at, id))
		switch { // no argument for a part left out: PostgreSQL wants every argument used
		case !ownPart:
		case first != "0":
			own = append(own, after(q, first, f, []string{"0", "d.issued_at", "d.id"}, rank, at, id))
		case f < 0 || rank < 0:
			ownPart = false
		case f == 0 && rank == 0:
			own = append(own, after(q, "0", 0, []string{"d.issued_at", "d.id"}, at, id))
		}
	}
	cols := "SELECT " + listColumns + ", "
	lim := " LIMIT " + q.arg(limit+1)
	sqlText := cols + "r.status AS r_status, r.incoming_number AS r_number, r.registered_at AS r_registered_at, " +
		"r.updated_at AS r_updated_at, r.direction_due_date AS r_due, " + first + " AS box_first, r.box_rank AS box_rank, r.box_at AS box_at" +
		" FROM receipts r JOIN documents d ON d.id = r.document_id WHERE " + strings.Join(received, " AND ") +
		" ORDER BY " + descending(first, "r.box_rank", "r.box_at", "r.document_id") + lim
	if ownPart {
		ownSQL := cols + "NULL AS r_status, CAST(NULL AS BIGINT) AS r_number, NULL AS r_registered_at, " +
			"NULL AS r_updated_at, NULL AS r_due, " + first + " AS box_first, 0 AS box_rank, d.issued_at AS box_at" +
			" FROM documents d WHERE " + strings.Join(own, " AND ") + " ORDER BY " + descending(first, "d.issued_at", "d.id") + lim
		outerFirst := "0"
		if first != "0" {
			outerFirst = "box_first"
		}
		sqlText = "SELECT * FROM (" + sqlText + ") box_received UNION ALL SELECT * FROM (" + ownSQL + ") box_own" +
			" ORDER BY " + descending(outerFirst, "box_rank", "box_at", "id") + lim
	}
	return sqlText, q.args, limit, nil
}

// after is "(first, keys…) < (f, values…)": the rows after a cursor in a
// descending order, written as a row value so that an index on the keys
// starts the scan there. A constant first (no notation searched for) is
// left out, to keep the keys an index's.
func after(q *query, first string, f int, keys []string, values ...any) string {
	var ks, vs []string
	if first != "0" {
		ks, vs = append(ks, first), append(vs, "CAST("+q.arg(f)+" AS INTEGER)")
	} else if f != 0 {
		if f > 0 {
			return "1 = 1"
		}
		return "1 = 0"
	}
	// PostgreSQL infers no type for a parameter in a row value.
	for i, k := range keys {
		typ := "TEXT"
		if _, ok := values[i].(int); ok {
			typ = "INTEGER"
		}
		ks, vs = append(ks, k), append(vs, "CAST("+q.arg(values[i])+" AS "+typ+")")
	}
	return "(" + strings.Join(ks, ", ") + ") < (" + strings.Join(vs, ", ") + ")"
}

// descending is an ORDER BY of terms, descending, leaving out the
// constant first.
func descending(first string, terms ...string) string {
	if first != "0" {
		terms = append([]string{first}, terms...)
	}
	return strings.Join(terms, " DESC, ") + " DESC"
}

// boxCursor reads a box's cursor: the first-part flag, the rank, the time
// and the id of the last row shown.
func boxCursor(after []string) (first, rank int, at, id string, err error) {
	if len(after) != 4 {
		return 0, 0, "", "", badCursor()
	}
	first, err1 := strconv.Atoi(after[0])
	rank, err2 := strconv.Atoi(after[1])
	if err1 != nil || err2 != nil {
		return 0, 0, "", "", badCursor()
	}
	return first, rank, after[2], after[3], nil
}
