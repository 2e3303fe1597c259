package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

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
	own := []string{"rv.directed_by = " + u, "rv.lead_unit_id = " + unit,
		"rv.cooperating_unit_ids LIKE " + q.arg(`%"`+likeEscaper.Replace(a.UnitID)+`"%`) + ` ESCAPE '\'`}
	if a.Has(domain.RoleClerk) {
		own = append(own, "rv.status = 'received'")
	}
	if a.Has(domain.RoleLeader) {
		if a.UnitID == a.AgencyID {
			own = append(own, "rv.status = 'registered'")
		} else {
			own = append(own, "(rv.status = 'registered' AND EXISTS (SELECT 1 FROM document_recipients dv WHERE dv.document_id = d.id AND dv.unit_id = "+unit+"))")
		}
	}
	return "(d.issued_at IS NOT NULL AND EXISTS (SELECT 1 FROM receipts rv WHERE rv.document_id = d.id AND (rv.registered_by = " + u +
		" OR (rv.agency_id = " + agency + " AND (" + strings.Join(own, " OR ") + ")))))"
}

// List returns one page of a box and the sort key of its last row when more
// follow (nil on the last page).
func (s *Store) List(ctx context.Context, lq ListQuery) ([]Listed, []string, error) {
	if lq.Actor.AgencyID == "" || lq.Actor.UserID == "" {
		return nil, nil, nil // a unit-less administrator has no boxes
	}
	q := &query{}
	var from, order, receipt string
	switch lq.Box {
	case BoxOutgoing:
		from, order = "documents d", "d.created_at DESC, d.id DESC"
		q.and("d.issuer_unit_id = " + q.arg(lq.Actor.AgencyID))
		if lq.Status != "" {
			q.and("d.status = " + q.arg(lq.Status))
		}
		if len(lq.After) > 0 {
			if len(lq.After) != 2 {
				return nil, nil, badCursor()
			}
			t, id := q.arg(lq.After[0]), q.arg(lq.After[1])
			q.and(fmt.Sprintf("(d.created_at < %s OR (d.created_at = %s AND d.id < %s))", t, t, id))
		}
	case domain.BoxForInformation:
		// Being named for information is what shows it (domain
		// Receipt.RoutedTo), wherever the reader's agency is.
		from, order = "documents d", "d.urgency_rank DESC, d.issued_at DESC, d.id DESC"
		u := q.arg(lq.Actor.UserID)
		named := []string{"s.informed LIKE " + q.arg(`%"`+likeEscaper.Replace(lq.Actor.UserID)+`"%`) + ` ESCAPE '\'`}
		if lq.Actor.UnitID != "" {
			named = append(named, "s.informed LIKE "+q.arg(`%"`+likeEscaper.Replace(lq.Actor.UnitID)+`"%`)+` ESCAPE '\'`)
		}
		q.and("d.issued_at IS NOT NULL")
		q.and("EXISTS (SELECT 1 FROM routing_steps s WHERE s.document_id = d.id AND s.kind = 'direct' AND (" + strings.Join(named, " OR ") + "))")
		q.and("NOT EXISTS (SELECT 1 FROM routing_steps s WHERE s.document_id = d.id AND s.kind = 'read' AND s.from_user_id = " + u + ")")
		if err := afterIncoming(q, lq.After); err != nil {
			return nil, nil, err
		}
	case BoxIncoming:
		agency := q.arg(lq.Actor.AgencyID)
		from = "documents d LEFT JOIN receipts r ON r.document_id = d.id AND r.agency_id = " + agency
		order = "d.urgency_rank DESC, d.issued_at DESC, d.id DESC"
		q.and("d.issued_at IS NOT NULL")
		q.and("EXISTS (SELECT 1 FROM document_recipients dr WHERE dr.document_id = d.id AND dr.agency_id = " + agency + ")")
		if lq.Status != "" {
			q.and("r.status = " + q.arg(lq.Status))
		}
		if err := afterIncoming(q, lq.After); err != nil {
			return nil, nil, err
		}
		receipt = ", r.status, r.incoming_number, r.registered_at, r.updated_at"
	default:
		return nil, nil, fmt.Errorf("list: unknown box %q", lq.Box)
	}
	if lq.Kind != "" {
		q.and("d.kind = " + q.arg(lq.Kind))
	}
	if lq.Channel != "" {
		q.and("d.channel = " + q.arg(lq.Channel))
	}
	if lq.Q != "" {
		q.and(s.searchCondition(q, lq.Q))
	}
	if lq.Box != domain.BoxForInformation {
		q.visible(lq.Actor)
	}
	limit := lq.Limit
	if limit <= 0 {
		limit = httpx.DefaultLimit
	}
	sqlText := "SELECT " + listColumns + receipt + ", d.urgency_rank FROM " + from +
		" WHERE " + strings.Join(q.where, " AND ") + " ORDER BY " + order + " LIMIT " + q.arg(limit+1)
	rows, err := s.DB.QueryContext(ctx, sqlText, q.args...)
	if err != nil {
		return nil, nil, fmt.Errorf("list %s: %w", lq.Box, err)
	}
	defer rows.Close()
	var out []Listed
	for rows.Next() {
		var (
			rank       int
			status     *string
			number     sql.NullInt64
			registered sql.NullString
			updated    sql.NullString
		)
		dest := []any{}
		if lq.Box == BoxIncoming {
			dest = append(dest, &status, &number, &registered, &updated)
		}
		d, err := scanDocument(rows, append(dest, &rank)...)
		if err != nil {
			return nil, nil, fmt.Errorf("list %s: %w", lq.Box, err)
		}
		l := Listed{Document: d}
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
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("list %s: %w", lq.Box, err)
	}
	var next []string
	if len(out) > limit {
		out = out[:limit]
		last := out[limit-1].Document
		if lq.Box == BoxOutgoing {
			next = []string{store.FormatTime(last.CreatedAt), last.ID}
		} else {
			next = []string{strconv.Itoa(last.Urgency.Rank()), store.FormatTime(*last.IssuedAt), last.ID}
		}
	}
	if err := s.loadRecipients(ctx, out); err != nil {
		return nil, nil, err
	}
	return out, next, nil
}

// afterIncoming continues a box sorted most urgent first, then newest.
func afterIncoming(q *query, after []string) error {
	if len(after) == 0 {
		return nil
	}
	if len(after) != 3 {
		return badCursor()
	}
	rank, err := strconv.Atoi(after[0])
	if err != nil {
		return badCursor()
	}
	r, t, id := q.arg(rank), q.arg(after[1]), q.arg(after[2])
	q.and(fmt.Sprintf("(d.urgency_rank < %s OR (d.urgency_rank = %s AND (d.issued_at < %s OR (d.issued_at = %s AND d.id < %s))))", r, r, t, t, id))
	return nil
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
