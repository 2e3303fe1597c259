package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/followup"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// StatTasks reads what a scoreboard over [from, to] counts (either may be
// zero: open on that side): the tasks due in it (dueStats), or completed
// in it (the submission of the accepted final report, in Viet Nam's days).
// Completed tasks come as counts per unit and class, classed in SQL as
// followup.ClassAt would (times are stored in one fixed-width layout, so
// comparing text compares instants; tested against ClassAt), reading only
// the covering index tasks_completed_at.
func (s *Store) StatTasks(ctx context.Context, by app.StatsBy, from, to domain.Date, asOf time.Time) (app.StatData, error) {
	if by != app.StatsByCompleted {
		return s.dueStats(ctx, from, to, asOf)
	}
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	where := "t.completed_at IS NOT NULL AND t.status = " + arg(string(domain.StatusCompleted))
	if !from.IsZero() {
		where += " AND t.completed_at >= " + arg(store.FormatTime(from.Start()))
	}
	if !to.IsZero() {
		where += " AND t.completed_at <= " + arg(store.FormatTime(to.End()))
	}
	var (
		out app.StatData
		err error
	)
	out.Classed, err = s.completedCounts(ctx, where, args, asOf)
	return out, err
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
