package store

import (
	"context"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// ReminderCandidates returns up to limit open tasks whose due date lies in
// [from, to] and that have no reminder of kind for that due date yet.
func (s *Store) ReminderCandidates(ctx context.Context, kind string, from, to domain.Date, limit int) ([]domain.Task, error) {
	args := []any{kind, from.String(), to.String(), limit}
	return queryTasks(ctx, s.db, `SELECT `+prefixed("t.", taskColumns)+` FROM tasks t
WHERE t.due_date >= $2 AND t.due_date <= $3 AND t.status IN `+openIn(&args)+`
  AND NOT EXISTS (SELECT 1 FROM task_reminders r WHERE r.task_id = t.id AND r.kind = $1 AND r.due_date = t.due_date)
ORDER BY t.due_date, t.id LIMIT $4`, args...)
}

// MarkReminder claims the reminder of kind for the task's due date; sent is
// false when it was claimed before (another run or replica sent it).
func (s *Store) MarkReminder(ctx context.Context, tx *store.Tx, taskID, kind string, due domain.Date, at time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO task_reminders (task_id, kind, due_date, sent_at) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING`, taskID, kind, due.String(), store.FormatTime(at))
	if err != nil {
		return false, fmt.Errorf("mark reminder: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("mark reminder: %w", err)
	}
	return n == 1, nil
}
