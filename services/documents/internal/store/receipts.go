package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// InsertReceipts stores the receipts of an issued document, with their
// place in the incoming box (boxRank; box_at is the document's issue,
// set again by SaveDocument when the issue is written after them).
func (s *Store) InsertReceipts(ctx context.Context, tx *store.Tx, rs []domain.Receipt) error {
	for _, r := range rs {
		res, err := tx.ExecContext(ctx, `INSERT INTO receipts (document_id, agency_id, status, created_at, updated_at, box_rank, box_at)
			SELECT $1, $2, $3, $4, $5, `+boxRank("$3", "d")+`, COALESCE(d.issued_at, $4) FROM documents d WHERE d.id = $1`,
			r.DocumentID, r.AgencyID, string(r.Status), store.FormatTime(r.CreatedAt), store.FormatTime(r.UpdatedAt))
		if err != nil {
			return fmt.Errorf("insert receipt %s/%s: %w", r.DocumentID, r.AgencyID, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("insert receipt %s/%s: no document (%d rows, %v): %w", r.DocumentID, r.AgencyID, n, err, ErrNotFound)
		}
	}
	return nil
}

// boxRank is a receipt's rank in the incoming box (receipts.box_rank) for
// the status placeholder status of a receipt of document alias d: what
// still waits for registration or direction first, most urgent first.
func boxRank(status, d string) string {
	return "CASE WHEN CAST(" + status + " AS TEXT) IN ('received', 'registered') THEN 1 + " + d + ".urgency_rank ELSE 0 END"
}

// Receipts' incoming numbers come from the agency's incoming registers,
// kept in number_counters beside the outgoing ones (domain.IncomingSeriesFor).
const receiptColumns = `document_id, agency_id, status, incoming_number, incoming_year, registered_at, registered_by,
	lead_unit_id, cooperating_unit_ids, direction_due_date, direction_note, directed_by, directed_at, created_at, updated_at,
	incoming_series, refused_at, refused_by, refuse_reason, lead_user_id, cooperating_users`

func scanReceipt(row scanner) (domain.Receipt, error) {
	var (
		r                            domain.Receipt
		status, created, upd         string
		number, year                 sql.NullInt64
		registeredAt, directedAt     sql.NullString
		refusedAt                    sql.NullString
		lead, coop, due, note, dirBy string
		leadUser, coopUsers          string
	)
	if err := row.Scan(&r.DocumentID, &r.AgencyID, &status, &number, &year, &registeredAt, &r.RegisteredBy,
		&lead, &coop, &due, &note, &dirBy, &directedAt, &created, &upd, &r.IncomingSeries,
		&refusedAt, &r.RefusedBy, &r.RefuseReason, &leadUser, &coopUsers); err != nil {
		return r, err
	}
	r.Status, r.IncomingNumber, r.IncomingYear = domain.ReceiptStatus(status), number.Int64, int(year.Int64)
	var err error
	if r.RegisteredAt, err = parseTimePtr(registeredAt); err != nil {
		return r, err
	}
	if r.RefusedAt, err = parseTimePtr(refusedAt); err != nil {
		return r, err
	}
	if lead != "" {
		at, err := parseTimePtr(directedAt)
		if err != nil || at == nil {
			return r, fmt.Errorf("receipt %s/%s: directed_at %v", r.DocumentID, r.AgencyID, err)
		}
		r.Direction = &domain.Direction{LeadUnitID: lead, DueDate: due, Note: note, DirectedBy: dirBy, DirectedAt: *at}
		if err := json.Unmarshal([]byte(coop), &r.Direction.CooperatingUnitIDs); err != nil {
			return r, fmt.Errorf("receipt %s/%s: %w", r.DocumentID, r.AgencyID, err)
		}
		r.Direction.LeadUserID = leadUser
		var people []domain.Addressee
		if err := json.Unmarshal([]byte(coopUsers), &people); err != nil {
			return r, fmt.Errorf("receipt %s/%s: %w", r.DocumentID, r.AgencyID, err)
		}
		for _, p := range people { // rows from before 00019 may list units too
			if p.UserID != "" {
				r.Direction.CooperatingUsers = append(r.Direction.CooperatingUsers, p)
			}
		}
	}
	if r.CreatedAt, err = store.ParseTime(created); err != nil {
		return r, err
	}
	r.UpdatedAt, err = store.ParseTime(upd)
	return r, err
}

// Receipts lists a document's receipts in agency id order.
func (s *Store) Receipts(ctx context.Context, documentID string) ([]domain.Receipt, error) {
	q := s.DB
	rows, err := q.QueryContext(ctx, `SELECT `+receiptColumns+` FROM receipts WHERE document_id = $1 ORDER BY agency_id`, documentID)
	if err != nil {
		return nil, fmt.Errorf("receipts of %s: %w", documentID, err)
	}
	defer rows.Close()
	var out []domain.Receipt
	for rows.Next() {
		r, err := scanReceipt(rows)
		if err != nil {
			return nil, fmt.Errorf("receipts of %s: %w", documentID, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, loadRouting(ctx, q, out)
}

// ReceiptForUpdate reads one agency's receipt inside tx, locking it on
// PostgreSQL; ErrNotFound when the agency received no copy.
func (s *Store) ReceiptForUpdate(ctx context.Context, tx *store.Tx, documentID, agencyID string) (domain.Receipt, error) {
	lock := ""
	if tx.Dialect == store.Postgres {
		lock = " FOR UPDATE"
	}
	r, err := scanReceipt(tx.QueryRowContext(ctx, `SELECT `+receiptColumns+` FROM receipts
		WHERE document_id = $1 AND agency_id = $2`+lock, documentID, agencyID))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("receipt %s/%s: %w", documentID, agencyID, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("receipt %s/%s: %w", documentID, agencyID, err)
	}
	r.Routing, err = routingOf(ctx, tx, documentID, agencyID)
	return r, err
}

// SaveReceipt writes a receipt's registration and direction, provided its
// stored status is still from.
func (s *Store) SaveReceipt(ctx context.Context, tx *store.Tx, r domain.Receipt, from domain.ReceiptStatus) error {
	var number, year any
	series := domain.SeriesIncoming
	if r.IncomingNumber > 0 {
		number, year, series = r.IncomingNumber, r.IncomingYear, r.IncomingSeries
	}
	lead, coop, due, note, by, expected := "", []byte("[]"), "", "", "", 0
	leadUser, coopUsers := "", []byte("[]")
	var at any
	if d := r.Direction; d != nil {
		var err error
		if coop, err = json.Marshal(nonNil(d.CooperatingUnitIDs)); err != nil {
			return err
		}
		if coopUsers, err = json.Marshal(nonNilAddressees(d.CooperatingUsers)); err != nil {
			return err
		}
		lead, due, note, by, at, expected = d.LeadUnitID, d.DueDate, d.Note, d.DirectedBy, store.FormatTime(d.DirectedAt), d.ExpectedTasks()
		leadUser = d.LeadUserID
	}
	// The statistics' handling times (domain/handling.go).
	var registration, directionNs any
	if took, ok := r.RegistrationTook(); ok {
		registration = int64(took)
	}
	directionBy, took, ok := r.DirectionTook()
	if ok {
		directionNs = int64(took)
	}
	res, err := tx.ExecContext(ctx, `UPDATE receipts SET status = $1, incoming_number = $2, incoming_year = $3,
		registered_at = $4, registered_by = $5, lead_unit_id = $6, cooperating_unit_ids = $7, direction_due_date = $8,
		direction_note = $9, directed_by = $10, directed_at = $11, expected_tasks = $12, updated_at = $13,
		incoming_series = $14, refused_at = $15, refused_by = $16, refuse_reason = $17,
		lead_user_id = $21, cooperating_users = $22, registration_ns = $23, direction_by = $24, direction_ns = $25,
		box_rank = (SELECT `+boxRank("$1", "d")+` FROM documents d WHERE d.id = $18)
		WHERE document_id = $18 AND agency_id = $19 AND status = $20`,
		string(r.Status), number, year, fmtTimePtr(r.RegisteredAt), r.RegisteredBy, lead, string(coop), due, note, by, at,
		expected, store.FormatTime(r.UpdatedAt), series, fmtTimePtr(r.RefusedAt), r.RefusedBy, r.RefuseReason,
		r.DocumentID, r.AgencyID, string(from), leadUser, string(coopUsers), registration, directionBy, directionNs)
	if err != nil {
		return fmt.Errorf("update receipt %s: %w", r.ID(), err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("update receipt %s from %s (%d rows, %v): %w", r.ID(), from, n, err, ErrStale)
	}
	return saveRouting(ctx, tx, r)
}

// MarkReceiptsDone moves the directed receipts of a document to done once
// as many tasks of their direction as it made (the agency's own top-level
// tasks on the document) are completed or cancelled, and names the
// agencies whose receipt it moved now. It is repeatable.
func (s *Store) MarkReceiptsDone(ctx context.Context, tx *store.Tx, documentID string, at string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `UPDATE receipts SET status = 'done', updated_at = $2, box_rank = 0
		WHERE document_id = $1 AND status = 'directed' AND expected_tasks > 0 AND expected_tasks <= (
			SELECT COUNT(*) FROM task_views t WHERE t.source_document_id = receipts.document_id
			AND t.assigner_agency_id = receipts.agency_id AND t.parent_task_id = ''
			AND t.status IN ('completed', 'cancelled'))
		RETURNING agency_id`, documentID, at)
	if err != nil {
		return nil, fmt.Errorf("receipts done of %s: %w", documentID, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, fmt.Errorf("receipts done of %s: %w", documentID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// MarkReceiptHandling records that work on agencyID's directed receipt of
// a document began; began is true the first time only.
func (s *Store) MarkReceiptHandling(ctx context.Context, tx *store.Tx, documentID, agencyID, at string) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE receipts SET handling_at = $3
		WHERE document_id = $1 AND agency_id = $2 AND status = 'directed' AND handling_at IS NULL`, documentID, agencyID, at)
	if err != nil {
		return false, fmt.Errorf("receipt handling %s/%s: %w", documentID, agencyID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
