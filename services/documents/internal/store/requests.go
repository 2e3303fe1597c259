package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// AddReportRequest keeps a periodic report request; a repeat changes
// nothing.
func (s *Store) AddReportRequest(ctx context.Context, tx *store.Tx, r domain.ReportRequest) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO report_request_views (request_id, task_id, plan_document_id,
		plan_item_id, parent_task_id, unit_id, role, period, period_start, period_end, due_date)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (request_id) DO NOTHING`,
		r.RequestID, r.TaskID, r.PlanDocumentID, r.PlanItemID, r.ParentTaskID, r.UnitID, r.Role,
		r.Period, r.PeriodStart, r.PeriodEnd, r.DueDate)
	if err != nil {
		return fmt.Errorf("add report request %s: %w", r.RequestID, err)
	}
	return nil
}

// AnswerReportRequest marks the request the report answers: requestID,
// as the tasks service named it, when given (it answers no other, even an
// earlier open one); else, for events written before the tasks service
// named it, by that service's rule: the task's earliest unanswered request
// whose period has begun by day (YYYY-MM-DD). A report that answered one
// already answers no other. The answer is late when day is past the
// request's due date.
func (s *Store) AnswerReportRequest(ctx context.Context, tx *store.Tx, taskID, requestID, reportID, day, at string) error {
	var id, due string
	var err error
	if requestID != "" {
		err = tx.QueryRowContext(ctx, `SELECT request_id, due_date FROM report_request_views
		WHERE task_id = $1 AND request_id = $2 AND report_id = ''`, taskID, requestID).Scan(&id, &due)
	} else {
		err = tx.QueryRowContext(ctx, `SELECT request_id, due_date FROM report_request_views
		WHERE task_id = $1 AND report_id = '' AND period_start <= $2 ORDER BY period_start, request_id LIMIT 1`,
			taskID, day).Scan(&id, &due)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil // nothing waits for a report: most reports, one query
	} else if err != nil {
		return fmt.Errorf("answer report request of %s: %w", taskID, err)
	}
	// A report delivered again answered its request the first time.
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM report_request_views WHERE task_id = $1 AND report_id = $2`,
		taskID, reportID).Scan(&n); err != nil {
		return fmt.Errorf("answer report request of %s: %w", taskID, err)
	} else if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE report_request_views SET report_id = $1, reported_at = $2, late = $3
		WHERE request_id = $4`, reportID, at, day > due, id); err != nil {
		return fmt.Errorf("answer report request %s: %w", id, err)
	}
	return nil
}

// PlanReportRequests lists the requests of a plan's own top-level tasks
// that are not cancelled, with each task's status, in period order and
// the lead unit first.
func (s *Store) PlanReportRequests(ctx context.Context, planID string) ([]domain.ReportRequest, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT q.request_id, q.task_id, q.plan_document_id, q.plan_item_id,
		q.parent_task_id, q.unit_id, q.role, q.period, q.period_start, q.period_end, q.due_date, q.report_id,
		q.reported_at, q.late, COALESCE(t.status, '')
		FROM report_request_views q LEFT JOIN task_views t ON t.task_id = q.task_id
		WHERE q.plan_document_id = $1 AND q.parent_task_id = '' AND q.plan_item_id <> ''
		  AND COALESCE(t.status, '') <> 'cancelled'
		ORDER BY q.plan_item_id, q.period_start, CASE WHEN q.role = 'lead' THEN 0 ELSE 1 END, q.task_id, q.request_id`, planID)
	if err != nil {
		return nil, fmt.Errorf("report requests of plan %s: %w", planID, err)
	}
	defer rows.Close()
	var out []domain.ReportRequest
	for rows.Next() {
		var r domain.ReportRequest
		if err := rows.Scan(&r.RequestID, &r.TaskID, &r.PlanDocumentID, &r.PlanItemID, &r.ParentTaskID, &r.UnitID,
			&r.Role, &r.Period, &r.PeriodStart, &r.PeriodEnd, &r.DueDate, &r.ReportID, &r.ReportedAt, &r.Late,
			&r.TaskStatus); err != nil {
			return nil, fmt.Errorf("report requests of plan %s: %w", planID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
