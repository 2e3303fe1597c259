package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// StatTasks reads what a scoreboard over [from, to] counts (either may be
// zero: open on that side): the tasks due in it, or completed in it (the
// submission of the accepted final report, in Viet Nam's days). Tasks
// assigned or in progress, whose class as of asOf rests on their status
// and on whether they fell due before asOf's day (domain.OverdueBefore),
// come as counts per unit, status and that, from the covering index
// tasks_stats, so that a year of a province's tasks is not read row by
// row: each count carries the due date of its side (the day before
// asOf's, or asOf's). The others come whole. The class of each is decided
// in Go (domain.Task.ClassAt), so that one definition serves every view.
func (s *Store) StatTasks(ctx context.Context, by app.StatsBy, from, to domain.Date, asOf time.Time) (app.StatData, error) {
	var (
		out   app.StatData
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
		tasks, err := queryTasks(ctx, s.db, `SELECT `+prefixed("t.", taskColumns)+` FROM tasks t WHERE `+where+`
ORDER BY t.assignee_unit_id, t.id`, args...)
		if err != nil {
			return out, fmt.Errorf("unit stats: %w", err)
		}
		out.Tasks = tasks
		return out, nil
	}
	if !from.IsZero() {
		where += " AND t.due_date >= " + arg(from.String())
	}
	if !to.IsZero() {
		where += " AND t.due_date <= " + arg(to.String())
	}
	var running []string
	for _, st := range runningStatuses {
		running = append(running, arg(string(st)))
	}
	in := "(" + strings.Join(running, ", ") + ")"
	cutoff := domain.OverdueBefore(asOf)
	tasks, err := queryTasks(ctx, s.db, `SELECT `+prefixed("t.", taskColumns)+` FROM tasks t WHERE `+where+` AND t.status NOT IN `+in+`
ORDER BY t.assignee_unit_id, t.id`, args...)
	if err != nil {
		return out, fmt.Errorf("unit stats: %w", err)
	}
	out.Tasks = tasks
	// The dates are typed: PostgreSQL infers none from a CASE's results.
	side := "CASE WHEN t.due_date < " + arg(cutoff.String()) + " THEN CAST(" + arg(cutoff.AddDays(-1).String()) +
		" AS TEXT) ELSE CAST(" + arg(cutoff.String()) + " AS TEXT) END"
	rows, err := s.db.QueryContext(ctx, `SELECT t.assignee_unit_id, t.status, `+side+`, COUNT(*) FROM tasks t WHERE `+where+
		` AND t.status IN `+in+` GROUP BY 1, 2, 3 ORDER BY 1`, args...)
	if err != nil {
		return out, fmt.Errorf("unit stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c app.OpenCount
		var status, due string
		if err := rows.Scan(&c.UnitID, &status, &due, &c.N); err != nil {
			return out, fmt.Errorf("unit stats: %w", err)
		}
		if c.DueDate, err = domain.ParseDate(due); err != nil {
			return out, fmt.Errorf("unit stats: %w", err)
		}
		c.Status = domain.Status(status)
		out.Running = append(out.Running, c)
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("unit stats: %w", err)
	}
	return out, nil
}

// runningStatuses are the open ones but awaiting review, whose class may
// rest on more than status and due date (the final report's time).
var runningStatuses = func() []domain.Status {
	var out []domain.Status
	for _, st := range domain.OpenStatuses {
		if st != domain.StatusAwaitingReview {
			out = append(out, st)
		}
	}
	return out
}()
