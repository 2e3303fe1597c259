package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/followup"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// StatTasks reads what a scoreboard over [from, to] counts (either may be
// zero: open on that side): the tasks due in it, or completed in it (the
// submission of the accepted final report, in Viet Nam's days). Neither a
// year's open tasks nor its completed ones are read row by row, so that a
// province's scoreboard costs its units, not its tasks: tasks assigned or
// in progress, whose class as of asOf rests on their status and on whether
// they fell due before asOf's day (domain.OverdueBefore), come as counts
// per unit, status and that side (each count carries the due date of its
// side: the day before asOf's, or asOf's); completed tasks come as counts
// per unit and class, classed in SQL as followup.ClassAt would (times are
// stored in one fixed-width layout, so comparing text compares instants;
// tested against ClassAt). Both read only the covering index tasks_stats
// (by due) or tasks_completed_at (by completed). The few others (awaiting
// review, or cancelled after asOf) come whole and are classed in Go;
// tasks cancelled by asOf do not count and are not read.
func (s *Store) StatTasks(ctx context.Context, by app.StatsBy, from, to domain.Date, asOf time.Time) (app.StatData, error) {
	var (
		out  app.StatData
		args []any
		// Always true: the conditions follow. It names no column, so that
		// the covering indexes cover.
		where = "1 = 1"
	)
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if by == app.StatsByCompleted {
		where = "t.completed_at IS NOT NULL AND t.status = " + arg(string(domain.StatusCompleted))
		if !from.IsZero() {
			where += " AND t.completed_at >= " + arg(store.FormatTime(from.Start()))
		}
		if !to.IsZero() {
			where += " AND t.completed_at <= " + arg(store.FormatTime(to.End()))
		}
		var err error
		out.Classed, err = s.completedCounts(ctx, where, args, asOf)
		return out, err
	}
	if !from.IsZero() {
		where += " AND t.due_date >= " + arg(from.String())
	}
	if !to.IsZero() {
		where += " AND t.due_date <= " + arg(to.String())
	}
	base := len(args) // each query below appends its own arguments to these
	var err error
	if out.Classed, err = s.completedCounts(ctx, where+" AND t.status = "+arg(string(domain.StatusCompleted)), args, asOf); err != nil {
		return out, err
	}
	args = args[:base]
	var running []string
	for _, st := range runningStatuses {
		running = append(running, arg(string(st)))
	}
	in := "(" + strings.Join(running, ", ") + ")"
	n := len(args)
	tasks, err := queryTasks(ctx, s.db, `SELECT `+prefixed("t.", taskColumns)+` FROM tasks t WHERE `+where+` AND t.status NOT IN `+in+
		` AND t.status <> `+arg(string(domain.StatusCompleted))+` AND NOT (t.status = `+arg(string(domain.StatusCancelled))+
		` AND COALESCE(t.cancelled_at, '') <= `+arg(store.FormatTime(asOf))+`)
ORDER BY t.assignee_unit_id, t.id`, args...)
	if err != nil {
		return out, fmt.Errorf("unit stats: %w", err)
	}
	out.Tasks = tasks
	args = args[:n]
	cutoff := domain.OverdueBefore(asOf)
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

// completedCounts counts the completed tasks matching where per unit and
// their class as of asOf, the branches of followup.ClassAt for a completed
// task in SQL: accepted (accepted_at, or on submission when unknown) by
// asOf, it is completed late when submitted after its due date's last
// instant; else it still waited for review at asOf if submitted by then,
// and was open before.
func (s *Store) completedCounts(ctx context.Context, where string, args []any, asOf time.Time) ([]app.ClassCount, error) {
	args = slices.Clip(args)
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	at, dueEnd := arg(store.FormatTime(asOf)), "t.due_date || CAST("+arg(domain.DueEndUTCSuffix)+" AS TEXT)"
	class := `CASE
	WHEN t.completed_at IS NULL THEN '` + followup.CompletedOnTime + `'
	WHEN COALESCE(t.accepted_at, t.completed_at) <= ` + at + ` THEN
		CASE WHEN t.completed_at > ` + dueEnd + ` THEN '` + followup.CompletedLate + `' ELSE '` + followup.CompletedOnTime + `' END
	WHEN t.completed_at <= ` + at + ` THEN
		CASE WHEN t.completed_at > ` + dueEnd + ` THEN '` + followup.OpenOverdue + `' ELSE '` + followup.AwaitingReview + `' END
	WHEN ` + at + ` > ` + dueEnd + ` THEN '` + followup.OpenOverdue + `'
	ELSE '` + followup.OpenWithinDeadline + `' END`
	rows, err := s.db.QueryContext(ctx, `SELECT t.assignee_unit_id, `+class+`, COUNT(*) FROM tasks t WHERE `+where+
		` GROUP BY 1, 2 ORDER BY 1`, args...)
	if err != nil {
		return nil, fmt.Errorf("unit stats: %w", err)
	}
	defer rows.Close()
	var out []app.ClassCount
	for rows.Next() {
		var c app.ClassCount
		if err := rows.Scan(&c.UnitID, &c.Class, &c.N); err != nil {
			return nil, fmt.Errorf("unit stats: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("unit stats: %w", err)
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
