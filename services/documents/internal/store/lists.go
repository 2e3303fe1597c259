package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Boxes of GET /v1/documents.
const (
	BoxOutgoing = domain.BoxOutgoing
	BoxIncoming = domain.BoxIncoming
)

// ListQuery selects a page of a box for the actor (app.BoxQuery).
type ListQuery = app.BoxQuery

// Listed is a document in a list (app.ListItem).
type Listed = app.ListItem

// Lists leave bodies out: they may be 200,000 characters each.
var listColumns = strings.Replace(documentColumns, "d.body,", "'' AS body,", 1)

type query struct {
	where []string
	args  []any
}

func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	return "$" + strconv.Itoa(len(q.args))
}

func (q *query) and(cond string) { q.where = append(q.where, cond) }

// visible mirrors domain.Document.VisibleTo for restricted documents: the
// people named on it, and those who must act on it next.
func (q *query) visible(a domain.Actor) {
	u := q.arg(a.UserID)
	conds := []string{"d.confidentiality = 'normal'", "d.drafter_id = " + u, "d.signer_id = " + u, "d.issued_by = " + u}
	if a.Has(domain.RoleLeader) && a.UnitID != "" && a.UnitID == a.AgencyID {
		conds = append(conds, "(d.status = 'pending_approval' AND d.issuer_unit_id = "+q.arg(a.AgencyID)+")")
	}
	if a.Has(domain.RoleClerk) && a.AgencyID != "" {
		conds = append(conds, "(d.status = 'approved' AND d.issuer_unit_id = "+q.arg(a.AgencyID)+")")
	}
	if a.AgencyID != "" {
		conds = append(conds, q.viaReceipt(a, u))
	}
	q.and("(" + strings.Join(conds, " OR ") + ")")
}

// viaReceipt mirrors domain.Document.VisibleThrough: the people a receipt
// names and those who must act on it next.
func (q *query) viaReceipt(a domain.Actor, u string) string {
	agency, unit := q.arg(a.AgencyID), q.arg(a.UnitID)
	// A lead person's unit stands as the lead unit for their task only.
	own := []string{"rv.directed_by = " + u, "rv.lead_user_id = " + u, "(rv.lead_user_id = '' AND rv.lead_unit_id = " + unit + ")",
		"rv.cooperating_unit_ids LIKE " + q.arg(`%"`+likeEscaper.Replace(a.UnitID)+`"%`) + ` ESCAPE '\'`,
		"rv.cooperating_users LIKE " + q.arg(`%"user_id":"`+likeEscaper.Replace(a.UserID)+`"%`) + ` ESCAPE '\'`}
	if a.Has(domain.RoleClerk) {
		own = append(own, "rv.status = 'received'")
	}
	if a.Has(domain.RoleLeader) {
		if a.UnitID == a.AgencyID {
			own = append(own, "rv.status = 'registered'")
		} else {
			own = append(own, "(rv.status = 'registered' AND EXISTS (SELECT 1 FROM document_recipients dv WHERE dv.document_id = d.id AND dv.unit_id = "+unit+onePerRow+"))")
		}
	}
	return "(d.issued_at IS NOT NULL AND EXISTS (SELECT 1 FROM receipts rv WHERE rv.document_id = d.id AND (rv.registered_by = " + u +
		" OR (rv.agency_id = " + agency + " AND (" + strings.Join(own, " OR ") + ")))" + onePerRow + "))"
}

// onePerRow ends a correlated EXISTS that is one arm of an OR, to keep it
// a lookup of the row's own receipts. PostgreSQL otherwise may plan it as
// a hashed subplan: a scan of every receipt the other conditions allow
// (here, for a page of a few rows, the whole province's), built the first
// time a row is not visible through the OR's cheaper arms. An OFFSET makes
// the subquery one it does not turn into a join or a hash; SQLite wants a
// LIMIT before it.
const onePerRow = " LIMIT 1 OFFSET 0"

// List returns one page of a box and the sort key of its last row when more
// follow (nil on the last page). Without a box it searches every document
// the actor may see.
func (s *Store) List(ctx context.Context, lq ListQuery) ([]Listed, []string, error) {
	if lq.Actor.AgencyID == "" || lq.Actor.UserID == "" {
		return nil, nil, nil // a unit-less administrator has no boxes
	}
	sqlText, args, limit, err := s.listSQL(ctx, lq)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.DB.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("list %s: %w", lq.Box, err)
	}
	defer rows.Close()
	var out []Listed
	var keys [][]string
	for rows.Next() {
		var (
			firstKey, rank int
			at             sql.NullString
			status         *string
			number         sql.NullInt64
			registered     sql.NullString
			updated        sql.NullString
			due            sql.NullString
		)
		dest := []any{}
		if lq.Box == BoxIncoming {
			dest = append(dest, &status, &number, &registered, &updated, &due)
		}
		d, err := scanDocument(rows, append(dest, &firstKey, &rank, &at)...)
		if err != nil {
			return nil, nil, fmt.Errorf("list %s: %w", lq.Box, err)
		}
		l := Listed{Document: d, DirectionDueDate: due.String}
		if status != nil {
			l.ReceiptStatus = domain.ReceiptStatus(*status)
		}
		l.IncomingNumber = number.Int64
		if l.RegisteredAt, err = parseTimePtr(registered); err != nil {
			return nil, nil, fmt.Errorf("list %s: registered_at: %w", lq.Box, err)
		}
		if l.ReceiptUpdatedAt, err = parseTimePtr(updated); err != nil {
			return nil, nil, fmt.Errorf("list %s: receipt updated_at: %w", lq.Box, err)
		}
		out = append(out, l)
		keys = append(keys, []string{strconv.Itoa(firstKey), strconv.Itoa(rank), at.String, d.ID})
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("list %s: %w", lq.Box, err)
	}
	var next []string
	if len(out) > limit {
		out, next = out[:limit], keys[limit-1]
	}
	if err := s.loadRecipients(ctx, out); err != nil {
		return nil, nil, err
	}
	return out, next, nil
}

// listSQL is the query of a page of a box (List), its arguments and the
// page's size.
func (s *Store) listSQL(ctx context.Context, lq ListQuery) (string, []any, int, error) {
	q := &query{}
	var from string
	var sort listOrder
	switch lq.Box {
	case BoxOutgoing:
		from, sort = "documents d", byCreated
		q.and("d.issuer_unit_id = " + q.arg(lq.Actor.AgencyID))
		if lq.Status != "" {
			q.and("d.status = " + q.arg(lq.Status))
		}
	case "":
		if ok, err := s.byAgency(ctx, lq); err != nil || ok {
			if err != nil {
				return "", nil, 0, err
			}
			return s.agencySQL(ctx, lq)
		}
		// The union of the outgoing and incoming boxes: what the
		// caller's agency issues, and what was issued to it.
		from, sort = "documents d", byDate
		agency := q.arg(lq.Actor.AgencyID)
		q.and("(d.issuer_unit_id = " + agency + " OR (d.issued_at IS NOT NULL AND EXISTS (SELECT 1 FROM document_recipients dr WHERE dr.document_id = d.id AND dr.agency_id = " + agency + ")))")
		if lq.Status != "" {
			q.and("d.status = " + q.arg(lq.Status))
		}
	case domain.BoxForInformation:
		// Being named for information is what shows it (domain
		// Receipt.RoutedTo), wherever the reader's agency is.
		from, sort = "documents d", byUrgency
		u := q.arg(lq.Actor.UserID)
		named := []string{"s.informed LIKE " + q.arg(`%"`+likeEscaper.Replace(lq.Actor.UserID)+`"%`) + ` ESCAPE '\'`}
		if lq.Actor.UnitID != "" {
			named = append(named, "s.informed LIKE "+q.arg(`%"`+likeEscaper.Replace(lq.Actor.UnitID)+`"%`)+` ESCAPE '\'`)
		}
		q.and("d.issued_at IS NOT NULL")
		q.and("EXISTS (SELECT 1 FROM routing_steps s WHERE s.document_id = d.id AND s.kind = 'direct' AND (" + strings.Join(named, " OR ") + "))")
		q.and("NOT EXISTS (SELECT 1 FROM routing_steps s WHERE s.document_id = d.id AND s.kind = 'read' AND s.from_user_id = " + u + ")")
	case BoxIncoming:
		return s.incomingSQL(ctx, lq)
	default:
		return "", nil, 0, fmt.Errorf("list: unknown box %q", lq.Box)
	}
	if lq.IncomingNumber > 0 && lq.Box == "" {
		q.and(numbered(q, lq))
	}
	if err := s.searchFilters(ctx, q, lq); err != nil {
		return "", nil, 0, err
	}
	if lq.Box != domain.BoxForInformation {
		q.visible(lq.Actor)
	}
	first := "0"
	if lq.NotationFirst != "" {
		n := q.arg(lq.NotationFirst)
		first = "CASE WHEN d.notation = " + n + " OR d.original_notation = " + n + " THEN 1 ELSE 0 END"
	}
	if err := sort.after(q, first, lq.After); err != nil {
		return "", nil, 0, err
	}
	limit := lq.Limit
	if limit <= 0 {
		limit = httpx.DefaultLimit
	}
	sqlText := "SELECT " + listColumns + ", " + first + ", " + sort.rank + ", " + sort.at + " FROM " + from +
		" WHERE " + strings.Join(q.where, " AND ") + " ORDER BY " + sort.orderBy(first) + " LIMIT " + q.arg(limit+1)
	return sqlText, q.args, limit, nil
}

// listOrder is a list's sort after the notation searched for: rank (an
// integer expression) then at (a time), both descending, then the id.
type listOrder struct{ rank, at string }

var (
	byCreated = listOrder{"0", "d.created_at"}
	byDate    = listOrder{"0", "COALESCE(d.issued_at, d.created_at)"}
	byUrgency = listOrder{"d.urgency_rank", "d.issued_at"}
)

// orderBy is the ORDER BY list; constant terms are left out (a number
// there would name a column).
func (o listOrder) orderBy(first string) string {
	var terms []string
	for _, t := range []string{first, o.rank, o.at, "d.id"} {
		if t != "0" {
			terms = append(terms, t+" DESC")
		}
	}
	return strings.Join(terms, ", ")
}

// after continues the order after the key of the previous page's last row,
// as a row value that an index of the order can seek to (incoming_box.go).
func (o listOrder) after(q *query, first string, cursor []string) error {
	if len(cursor) == 0 {
		return nil
	}
	if len(cursor) != 4 {
		return badCursor()
	}
	f, err1 := strconv.Atoi(cursor[0])
	rank, err2 := strconv.Atoi(cursor[1])
	if err1 != nil || err2 != nil {
		return badCursor()
	}
	keys, values := []string{o.rank, o.at, "d.id"}, []any{rank, cursor[2], cursor[3]}
	if o.rank == "0" && first == "0" && f == 0 { // constant keys: every row's are 0
		switch {
		case rank > 0:
			first, f, keys, values = "0", 1, nil, nil // every row follows
		case rank < 0:
			first, f, keys, values = "0", -1, nil, nil // none does
		default:
			keys, values = keys[1:], values[1:]
		}
	}
	q.and(after(q, first, f, keys, values...))
	return nil
}

// searchFilters adds the search form's conditions.
func (s *Store) searchFilters(ctx context.Context, q *query, lq ListQuery) error {
	if lq.Kind != "" {
		q.and("d.kind = " + q.arg(lq.Kind))
	}
	if lq.Channel != "" {
		q.and("d.channel = " + q.arg(lq.Channel))
	}
	if lq.Q != "" {
		cond := s.searchCondition(q, lq.Q)
		if lq.NotationFirst != "" && lq.Notation == "" {
			// q spells a notation: that document matches by it too. The
			// <> '' lets the partial index of original notations serve.
			n := q.arg(lq.NotationFirst)
			cond = "(" + cond + " OR d.notation = " + n + " OR (d.original_notation <> '' AND d.original_notation = " + n + "))"
		}
		q.and(cond)
	}
	if lq.Notation != "" {
		q.and("(" + s.prefixOf(q, "d.notation", lq.Notation) + " OR (d.original_notation <> '' AND " + s.prefixOf(q, "d.original_notation", lq.Notation) + "))")
	}
	if lq.Signer != "" {
		q.and(s.nameCondition(q, "signer_search", lq.Signer, narrowed(lq)))
	}
	if lq.Sender != "" {
		units, err := s.unitsNamed(ctx, lq.Sender)
		if err != nil {
			return err
		}
		conds := []string{s.nameCondition(q, "sender_search", lq.Sender, narrowed(lq))}
		if len(units) > 0 {
			conds = append(conds, "(d.channel = 'internal' AND d.issuer_unit_id IN ("+q.list(units)+"))")
		}
		q.and("(" + strings.Join(conds, " OR ") + ")")
	}
	if lq.Recipient != "" {
		units, err := s.unitsNamed(ctx, lq.Recipient)
		if err != nil {
			return err
		}
		conds := []string{"EXISTS (SELECT 1 FROM document_external_recipients xr WHERE xr.document_id = d.id AND (LOWER(xr.name) LIKE " +
			q.arg("%"+likeEscaper.Replace(lq.Recipient)+"%") + ` ESCAPE '\' OR LOWER(xr.code) = ` + q.arg(lq.Recipient) + "))"}
		if len(units) > 0 {
			conds = append(conds, "EXISTS (SELECT 1 FROM document_recipients rr WHERE rr.document_id = d.id AND rr.unit_id IN ("+q.list(units)+"))")
		}
		q.and("(" + strings.Join(conds, " OR ") + ")")
	}
	// A document's date: the one its sender wrote for a document from
	// outside, else the day (in Viet Nam) it was issued. One OR of two
	// ranges, so that each side is a range of its own index
	// (documents_original_date, documents_issued_on).
	if lq.From != "" || lq.To != "" {
		outside, own := []string{"d.original_date <> ''"}, []string{"d.original_date = ''", "d.issued_at IS NOT NULL"}
		if lq.From != "" {
			start, err := dayStart(lq.From, 0)
			if err != nil {
				return err
			}
			outside = append(outside, "d.original_date >= "+q.arg(lq.From))
			own = append(own, "d.issued_at >= "+q.arg(start))
		}
		if lq.To != "" {
			end, err := dayStart(lq.To, 1)
			if err != nil {
				return err
			}
			outside = append(outside, "d.original_date <= "+q.arg(lq.To))
			own = append(own, "d.issued_at < "+q.arg(end))
		}
		q.and("((" + strings.Join(outside, " AND ") + ") OR (" + strings.Join(own, " AND ") + "))")
	}
	return nil
}

// narrowed tells whether another condition of lq has an index that finds
// few documents (a text, a notation, an incoming number, a period): a name
// is then tested on those rows rather than looked up in its own index,
// which would list every document of a frequent sender first.
func narrowed(lq ListQuery) bool {
	return lq.Q != "" || lq.Notation != "" || lq.IncomingNumber > 0 || lq.From != "" || lq.To != ""
}

// numbered is the condition "the caller's agency gave it the incoming
// number": a lookup of receipts_number rather than a test of every row.
func numbered(q *query, lq ListQuery) string {
	return "d.id IN (SELECT rn.document_id FROM receipts rn WHERE rn.agency_id = " + q.arg(lq.Actor.AgencyID) +
		" AND rn.incoming_number = " + q.arg(lq.IncomingNumber) + ")"
}

// prefixOf is "col starts with p" as a range of the column's index: a LIKE
// 'p%' uses no index on SQLite (its LIKE ignores case, the index does not)
// nor, once the plan is generic, on PostgreSQL. Notations are searched in
// upper case, as they are written. PostgreSQL compares with the byte-wise
// operators of its text_pattern_ops indexes (PrepareSearch), which do not
// depend on the database's collation.
func (s *Store) prefixOf(q *query, col, p string) string {
	lo, hi := q.arg(p), q.arg(p+"\U0010FFFF")
	if s.DB.Dialect == store.Postgres {
		return "(" + col + " ~>=~ " + lo + " AND " + col + " ~<~ " + hi + ")"
	}
	return "(" + col + " >= " + lo + " AND " + col + " < " + hi + ")"
}

// dayStart is the stored time of the start of the day days after date, in
// Viet Nam.
func dayStart(date string, days int) (string, error) {
	t, err := time.ParseInLocation(domain.DateLayout, date, domain.Zone)
	if err != nil {
		return "", apperr.Invalid("bad date", apperr.FieldError{Field: "from", Message: "must be a date written YYYY-MM-DD"})
	}
	return store.FormatTime(t.AddDate(0, 0, days)), nil
}

// list adds each value and returns their placeholders.
func (q *query) list(vs []string) string {
	marks := make([]string, len(vs))
	for i, v := range vs {
		marks[i] = q.arg(v)
	}
	return strings.Join(marks, ", ")
}

// unitsNamed returns the ids of the units whose name contains folded or
// whose short name or code is it (the directory is small: a province's
// units).
func (s *Store) unitsNamed(ctx context.Context, folded string) ([]string, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT id, name, short_name, code FROM identity_units`)
	if err != nil {
		return nil, fmt.Errorf("units named: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id, name, short, code string
		if err := rows.Scan(&id, &name, &short, &code); err != nil {
			return nil, fmt.Errorf("units named: %w", err)
		}
		if strings.Contains(domain.Fold(name), folded) || domain.Fold(short) == folded || domain.Fold(code) == folded {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
}

// likeEscaper makes a search's own % and _ literal.
var likeEscaper = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)

func badCursor() error {
	return apperr.Invalid("bad cursor", apperr.FieldError{Field: "cursor", Message: "is not a cursor this server gave"})
}

// loadRecipients fills the recipients of a page in one query.
func (s *Store) loadRecipients(ctx context.Context, page []Listed) error {
	if len(page) == 0 {
		return nil
	}
	q := &query{}
	byID := make(map[string]*domain.Document, len(page))
	marks := make([]string, len(page))
	for i := range page {
		byID[page[i].Document.ID] = &page[i].Document
		marks[i] = q.arg(page[i].Document.ID)
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT document_id, unit_id, agency_id FROM document_recipients
		WHERE document_id IN (`+strings.Join(marks, ", ")+`) ORDER BY document_id, position`, q.args...)
	if err != nil {
		return fmt.Errorf("recipients of a page: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var r domain.Recipient
		if err := rows.Scan(&id, &r.UnitID, &r.AgencyID); err != nil {
			return fmt.Errorf("recipients of a page: %w", err)
		}
		if d := byID[id]; d != nil {
			d.Recipients = append(d.Recipients, r)
		}
	}
	return rows.Err()
}
