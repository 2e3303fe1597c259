package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// ReminderRules returns the agency's rules, or the defaults when it has
// set none.
func (s *Store) ReminderRules(ctx context.Context, agencyID string) (domain.ReminderRules, error) {
	var (
		r          domain.ReminderRules
		before, at string
	)
	err := s.db.QueryRowContext(ctx, `SELECT before_days, on_due_day, repeat_every, escalate_after, updated_by, updated_at
FROM reminder_rules WHERE agency_id = $1`, agencyID).Scan(&before, &r.OnDueDay, &r.RepeatEvery, &r.EscalateAfter, &r.UpdatedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.DefaultReminderRules(agencyID), nil
	}
	if err != nil {
		return r, fmt.Errorf("read reminder rules: %w", err)
	}
	r.AgencyID = agencyID
	for _, f := range strings.Split(before, ",") {
		if n, err := strconv.Atoi(f); err == nil {
			r.BeforeDays = append(r.BeforeDays, n)
		}
	}
	if r.UpdatedAt, err = store.ParseTime(at); err != nil {
		return r, fmt.Errorf("read reminder rules: %w", err)
	}
	return r, nil
}

// PutReminderRules stores the agency's rules in place of any before.
func (s *Store) PutReminderRules(ctx context.Context, r domain.ReminderRules) error {
	days := make([]string, len(r.BeforeDays))
	for i, d := range r.BeforeDays {
		days[i] = strconv.Itoa(d)
	}
	err := s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO reminder_rules (agency_id, before_days, on_due_day, repeat_every, escalate_after, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (agency_id) DO UPDATE SET before_days = excluded.before_days, on_due_day = excluded.on_due_day,
    repeat_every = excluded.repeat_every, escalate_after = excluded.escalate_after,
    updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			r.AgencyID, strings.Join(days, ","), r.OnDueDay, r.RepeatEvery, r.EscalateAfter, r.UpdatedBy, store.FormatTime(r.UpdatedAt))
		return err
	})
	if err != nil {
		return fmt.Errorf("store reminder rules: %w", err)
	}
	return nil
}

// extra scans a row of taskColumns followed by more columns.
type extra struct {
	r    rowScanner
	more []any
}

func (e extra) Scan(dest ...any) error { return e.r.Scan(append(dest, e.more...)...) }

// ReminderCandidates returns up to limit open tasks due on or before
// horizon that were not looked at on day today for their due date yet,
// with their assignee's agency and the person who assigned them (the
// actor of their first history entry).
func (s *Store) ReminderCandidates(ctx context.Context, today, horizon domain.Date, limit int) ([]app.ReminderCandidate, error) {
	args := []any{horizon.String(), today.String(), limit}
	rows, err := s.db.QueryContext(ctx, `SELECT `+prefixed("t.", taskColumns)+`, COALESCE(u.agency_id, ''),
    COALESCE((SELECT h.actor_user_id FROM task_history h WHERE h.task_id = t.id AND h.seq = 1), '')
FROM tasks t LEFT JOIN identity_units u ON u.id = t.assignee_unit_id
WHERE t.due_date <= $1 AND t.status IN `+openIn(&args)+`
  AND NOT EXISTS (SELECT 1 FROM task_reminder_checks c WHERE c.task_id = t.id AND c.due_date = t.due_date AND c.checked_on = $2)
ORDER BY t.due_date, t.id LIMIT $3`, args...)
	if err != nil {
		return nil, fmt.Errorf("reminder candidates: %w", err)
	}
	defer rows.Close()
	var out []app.ReminderCandidate
	for rows.Next() {
		var c app.ReminderCandidate
		if c.Task, err = scanTask(extra{rows, []any{&c.AgencyID, &c.AssignerUserID}}); err != nil {
			return nil, fmt.Errorf("reminder candidates: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// OverdueTasks lists up to limit open tasks due before day, of the
// assignee unit or assigned by the person (whichever is set), oldest
// deadline first. A task whose final report came in on time and waits for
// review is not overdue (followup.ClassAt).
func (s *Store) OverdueTasks(ctx context.Context, q app.OverdueQuery) ([]domain.Task, error) {
	args := []any{q.Before.String(), q.Limit}
	who := `t.assignee_unit_id = $3`
	args = append(args, q.AssigneeUnitID)
	if q.AssignerUserID != "" {
		who = `EXISTS (SELECT 1 FROM task_history h WHERE h.task_id = t.id AND h.seq = 1 AND h.actor_user_id = $3)`
		args[2] = q.AssignerUserID
	}
	open := openIn(&args)
	args = append(args, string(domain.StatusAwaitingReview), domain.DueEndUTCSuffix)
	return queryTasks(ctx, s.db, `SELECT `+prefixed("t.", taskColumns)+` FROM tasks t
WHERE t.due_date < $1 AND `+who+` AND t.status IN `+open+`
  AND NOT (t.status = `+fmt.Sprintf("$%d", len(args)-1)+` AND COALESCE(t.final_report_at, 'z') <= t.due_date || CAST(`+fmt.Sprintf("$%d", len(args))+` AS TEXT))
ORDER BY t.due_date, t.id LIMIT $2`, args...)
}

// MarkReminder claims one step of the reminders of the task's due date;
// sent is false when it was claimed before (another run or replica sent
// it).
func (s *Store) MarkReminder(ctx context.Context, tx *store.Tx, taskID, kind, step string, due domain.Date, at time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO task_reminders (task_id, kind, step, due_date, sent_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT DO NOTHING`, taskID, kind, step, due.String(), store.FormatTime(at))
	if err != nil {
		return false, fmt.Errorf("mark reminder: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("mark reminder: %w", err)
	}
	return n == 1, nil
}

// MarkChecked records that the task was looked at on day for its due date.
func (s *Store) MarkChecked(ctx context.Context, tx *store.Tx, taskID string, due, day domain.Date) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO task_reminder_checks (task_id, due_date, checked_on) VALUES ($1, $2, $3)
ON CONFLICT (task_id) DO UPDATE SET due_date = excluded.due_date, checked_on = excluded.checked_on`, taskID, due.String(), day.String())
	if err != nil {
		return fmt.Errorf("mark checked: %w", err)
	}
	return nil
}
