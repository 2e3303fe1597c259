package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

const requestColumns = `id, task_id, period, period_start, period_end, due_date, report_id, reported_at, created_at`

// CreateReportRequests inserts the requests a task does not have yet (one
// per task and period); it returns the ones it created.
func (s *Store) CreateReportRequests(ctx context.Context, tx *store.Tx, rs []domain.ReportRequest) ([]domain.ReportRequest, error) {
	var created []domain.ReportRequest
	for _, r := range rs {
		res, err := tx.ExecContext(ctx, `INSERT INTO report_requests (`+requestColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, '', NULL, $7) ON CONFLICT (task_id, period) DO NOTHING`,
			r.ID, r.TaskID, r.Period, r.PeriodStart.String(), r.PeriodEnd.String(), r.DueDate.String(), store.FormatTime(r.CreatedAt))
		if err != nil {
			return nil, fmt.Errorf("create report request: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return nil, fmt.Errorf("create report request: %w", err)
		} else if n == 1 {
			created = append(created, r)
		}
	}
	return created, nil
}

// AnswerReportRequest marks the earliest unanswered request of the task
// whose period has begun by the report's day as answered by it and
// returns its id (the event names it); "" when none waits. The caller
// holds the task's row, so no other report takes the request meanwhile.
func (s *Store) AnswerReportRequest(ctx context.Context, tx *store.Tx, taskID, reportID string, at time.Time) (string, error) {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM report_requests WHERE task_id = $1 AND report_id = '' AND period_start <= $2
    ORDER BY period_start, id LIMIT 1`, taskID, domain.DateOf(at).String()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("answer report request: %w", err)
	}
	res, err := tx.ExecContext(ctx, `UPDATE report_requests SET report_id = $1, reported_at = $2 WHERE id = $3 AND report_id = ''`,
		reportID, store.FormatTime(at), id)
	if err != nil {
		return "", fmt.Errorf("answer report request %s: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return "", fmt.Errorf("answer report request %s: %w", id, err)
	} else if n != 1 {
		return "", nil
	}
	return id, nil
}

// ReportRequests lists the requests of the given tasks by task, in period
// order.
func (s *Store) ReportRequests(ctx context.Context, taskIDs ...string) (map[string][]domain.ReportRequest, error) {
	out := map[string][]domain.ReportRequest{}
	for start := 0; start < len(taskIDs); start += batchRows {
		chunk := taskIDs[start:min(start+batchRows, len(taskIDs))]
		args := make([]any, len(chunk))
		marks := make([]string, len(chunk))
		for i, id := range chunk {
			args[i], marks[i] = id, fmt.Sprintf("$%d", i+1)
		}
		rows, err := s.db.QueryContext(ctx, `SELECT `+requestColumns+` FROM report_requests
WHERE task_id IN (`+strings.Join(marks, ", ")+`) ORDER BY task_id, period_start, id`, args...)
		if err != nil {
			return nil, fmt.Errorf("report requests: %w", err)
		}
		for rows.Next() {
			r, err := scanRequest(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[r.TaskID] = append(out[r.TaskID], r)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("report requests: %w", err)
		}
	}
	return out, nil
}

func scanRequest(r rowScanner) (domain.ReportRequest, error) {
	var (
		q                    domain.ReportRequest
		start, end, due, crt string
		reported             *string
	)
	if err := r.Scan(&q.ID, &q.TaskID, &q.Period, &start, &end, &due, &q.ReportID, &reported, &crt); err != nil {
		return q, fmt.Errorf("report request: %w", err)
	}
	var err error
	for _, d := range []struct {
		s string
		p *domain.Date
	}{{start, &q.PeriodStart}, {end, &q.PeriodEnd}, {due, &q.DueDate}} {
		if *d.p, err = domain.ParseDate(d.s); err != nil {
			return q, fmt.Errorf("report request %s: %w", q.ID, err)
		}
	}
	if q.ReportedAt, err = parseOptTime(reported); err != nil {
		return q, err
	}
	q.CreatedAt, err = store.ParseTime(crt)
	return q, err
}

// ReportReminderCandidates returns up to limit unanswered report requests
// of open tasks (not awaiting review) due on or before horizon that were
// not looked at on day today for their due date yet, with the assignee
// unit and its agency.
func (s *Store) ReportReminderCandidates(ctx context.Context, today, horizon domain.Date, limit int) ([]app.ReportReminderCandidate, error) {
	args := []any{today.String(), horizon.String(), limit}
	open := make([]string, 0, len(domain.OpenStatuses))
	for _, st := range domain.OpenStatuses {
		if st != domain.StatusAwaitingReview {
			args = append(args, string(st))
			open = append(open, fmt.Sprintf("$%d", len(args)))
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+prefixed("q.", requestColumns)+`, t.assignee_unit_id, COALESCE(u.agency_id, '')
FROM report_requests q JOIN tasks t ON t.id = q.task_id LEFT JOIN identity_units u ON u.id = t.assignee_unit_id
WHERE q.report_id = '' AND q.due_date <= $2 AND t.status IN (`+strings.Join(open, ", ")+`)
  AND NOT EXISTS (SELECT 1 FROM report_request_checks c WHERE c.request_id = q.id AND c.due_date = q.due_date AND c.checked_on = $1)
ORDER BY q.due_date, q.id LIMIT $3`, args...)
	if err != nil {
		return nil, fmt.Errorf("report reminder candidates: %w", err)
	}
	defer rows.Close()
	var out []app.ReportReminderCandidate
	for rows.Next() {
		var c app.ReportReminderCandidate
		var (
			start, end, due, crt string
			reported             *string
		)
		q := &c.Request
		if err := rows.Scan(&q.ID, &q.TaskID, &q.Period, &start, &end, &due, &q.ReportID, &reported, &crt, &c.AssigneeUnitID, &c.AgencyID); err != nil {
			return nil, fmt.Errorf("report reminder candidates: %w", err)
		}
		if q.DueDate, err = domain.ParseDate(due); err != nil {
			return nil, err
		}
		q.PeriodStart, _ = domain.ParseDate(start)
		q.PeriodEnd, _ = domain.ParseDate(end)
		out = append(out, c)
	}
	return out, rows.Err()
}

// MarkReportReminder claims one step of the request's reminders for its
// due date; false when it was claimed before (another run or replica).
func (s *Store) MarkReportReminder(ctx context.Context, tx *store.Tx, requestID, kind, step string, due domain.Date, at time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO report_request_reminders (request_id, kind, step, due_date, sent_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT DO NOTHING`, requestID, kind, step, due.String(), store.FormatTime(at))
	if err != nil {
		return false, fmt.Errorf("mark report reminder: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("mark report reminder: %w", err)
	}
	return n == 1, nil
}

// MarkReportChecked records that the request was looked at on day for its
// due date.
func (s *Store) MarkReportChecked(ctx context.Context, tx *store.Tx, requestID string, due, day domain.Date) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO report_request_checks (request_id, due_date, checked_on) VALUES ($1, $2, $3)
ON CONFLICT (request_id) DO UPDATE SET due_date = excluded.due_date, checked_on = excluded.checked_on`, requestID, due.String(), day.String())
	if err != nil {
		return fmt.Errorf("mark report checked: %w", err)
	}
	return nil
}

func (b bound) CreateReportRequests(ctx context.Context, rs []domain.ReportRequest) ([]domain.ReportRequest, error) {
	return b.s.CreateReportRequests(ctx, b.tx, rs)
}

func (b bound) AnswerReportRequest(ctx context.Context, taskID, reportID string, at time.Time) (string, error) {
	return b.s.AnswerReportRequest(ctx, b.tx, taskID, reportID, at)
}

func (b bound) MarkReportReminder(ctx context.Context, requestID, kind, step string, due domain.Date, at time.Time) (bool, error) {
	return b.s.MarkReportReminder(ctx, b.tx, requestID, kind, step, due, at)
}

func (b bound) MarkReportChecked(ctx context.Context, requestID string, due, day domain.Date) error {
	return b.s.MarkReportChecked(ctx, b.tx, requestID, due, day)
}
