package store

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// StatTasks lists the tasks a scoreboard over [from, to] counts (either
// may be zero: open on that side): by due date, or by completion (the
// submission of the accepted final report, in Viet Nam's days). The class
// of each is decided in Go (domain.Task.ClassAt, as of the period's end),
// so that one definition serves every view.
func (s *Store) StatTasks(ctx context.Context, by app.StatsBy, from, to domain.Date) ([]domain.Task, error) {
	var (
		args  []any
		where = "t.parent_task_id = t.parent_task_id" // always true: the conditions follow
	)
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	switch by {
	case app.StatsByCompleted:
		where = "t.completed_at IS NOT NULL AND t.status = " + arg(string(domain.StatusCompleted))
		if !from.IsZero() {
			where += " AND t.completed_at >= " + arg(store.FormatTime(from.Start()))
		}
		if !to.IsZero() {
			where += " AND t.completed_at <= " + arg(store.FormatTime(to.End()))
		}
	default:
		if !from.IsZero() {
			where += " AND t.due_date >= " + arg(from.String())
		}
		if !to.IsZero() {
			where += " AND t.due_date <= " + arg(to.String())
		}
	}
	tasks, err := queryTasks(ctx, s.db, `SELECT `+prefixed("t.", taskColumns)+` FROM tasks t WHERE `+where+`
ORDER BY t.assignee_unit_id, t.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("unit stats: %w", err)
	}
	return tasks, nil
}
