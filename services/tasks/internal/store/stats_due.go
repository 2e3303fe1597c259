package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// dueStats reads the scoreboard of the tasks due in [from, to] (either may
// be zero: open on that side) as of asOf from the running totals of
// task_counts, a few bucket rows per unit whatever the number of tasks:
// tasks assigned or in progress come as counts per unit on either side of
// asOf's day (domain.OverdueBefore; each count carries a due date of its
// side), completed ones as counts per unit and class. The counts give
// each task its class as of asOf (followup.ClassAt) unless something that
// decides it happened after asOf: the tasks completed (accepted) or
// cancelled after asOf come whole (index tasks_settled: none for a live
// scoreboard), and the completed ones among them are taken out of the
// counts; tasks awaiting review come whole too.
func (s *Store) dueStats(ctx context.Context, from, to domain.Date, asOf time.Time) (app.StatData, error) {
	var out app.StatData
	a, b, ok, err := s.countRange(ctx, from, to)
	if err != nil {
		return out, err
	}
	if !ok {
		out.Tasks, err = s.dueStatsWhole(ctx, from, to, asOf, 0)
		return out, err
	}
	cutoff := domain.OverdueBefore(asOf)
	var parts []string
	var args []any
	side := func(n int, lo, hi domain.Date) {
		if hi.Before(lo) {
			return
		}
		for _, sp := range countSpans(lo, hi) {
			args = append(args, sp.lvl, sp.lo, sp.hi)
			k := len(args)
			parts = append(parts, fmt.Sprintf(`SELECT unit_id, kind, %d AS side, n FROM task_counts
WHERE lvl = $%d AND bucket >= $%d AND bucket <= $%d`, n, k-2, k-1, k))
		}
	}
	before := cutoff.AddDays(-1)
	if b.Before(before) {
		before = b
	}
	side(0, a, before)
	if a.Before(cutoff) {
		a = cutoff
	}
	side(1, a, b)
	classed := map[[2]string]int{}
	completed := 0 // the completed tasks the totals hold in the period
	if len(parts) > 0 {
		rows, err := s.db.QueryContext(ctx, `SELECT unit_id, kind, side, SUM(n) FROM (`+strings.Join(parts, "\nUNION ALL\n")+
			`) c GROUP BY unit_id, kind, side`, args...)
		if err != nil {
			return out, fmt.Errorf("unit stats: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var unit, kind string
			var sideN, n int
			if err := rows.Scan(&unit, &kind, &sideN, &n); err != nil {
				return out, fmt.Errorf("unit stats: %w", err)
			}
			if kind != kindOpen {
				completed += n
				classed[[2]string{unit, kind}] += n
				continue
			}
			due := cutoff
			if sideN == 0 {
				due = cutoff.AddDays(-1)
			}
			if n != 0 {
				out.Running = append(out.Running, app.OpenCount{UnitID: unit, Status: domain.StatusInProgress, DueDate: due, N: n})
			}
		}
		if err := rows.Err(); err != nil {
			return out, fmt.Errorf("unit stats: %w", err)
		}
	}
	whole, err := s.dueStatsWhole(ctx, from, to, asOf, completed)
	if err != nil {
		return out, err
	}
	for _, t := range whole {
		if t.Status == domain.StatusCompleted {
			classed[[2]string{t.AssigneeUnitID, countKind(t)}]--
		}
	}
	for k, n := range classed {
		if n != 0 {
			out.Classed = append(out.Classed, app.ClassCount{UnitID: k[0], Class: k[1], N: n})
		}
	}
	slices.SortFunc(out.Classed, func(x, y app.ClassCount) int {
		return strings.Compare(x.UnitID+"\x00"+x.Class, y.UnitID+"\x00"+y.Class)
	})
	out.Tasks = whole
	return out, nil
}

// countRange is [from, to] with an open side closed at the first or last
// month task_counts holds; ok is false when it holds nothing there.
func (s *Store) countRange(ctx context.Context, from, to domain.Date) (a, b domain.Date, ok bool, err error) {
	a, b = from, to
	if from.IsZero() || to.IsZero() {
		var lo, hi sql.NullString
		if err := s.db.QueryRowContext(ctx, `SELECT MIN(bucket), MAX(bucket) FROM task_counts WHERE lvl = 2`).Scan(&lo, &hi); err != nil {
			return a, b, false, fmt.Errorf("unit stats: %w", err)
		}
		if !lo.Valid {
			return a, b, false, nil
		}
		if from.IsZero() {
			if a, err = domain.ParseDate(lo.String + "-01"); err != nil {
				return a, b, false, fmt.Errorf("unit stats: %w", err)
			}
		}
		if to.IsZero() {
			first, err := domain.ParseDate(hi.String + "-01")
			if err != nil {
				return a, b, false, fmt.Errorf("unit stats: %w", err)
			}
			b = domain.DateOf(first.Start().AddDate(0, 1, -1))
		}
	}
	return a, b, !b.Before(a), nil
}

// dueStatsWhole reads the tasks due in [from, to] that the counts cannot
// class as of asOf: awaiting review, or completed (accepted) or cancelled
// after asOf. Those come from whichever is shorter: the tasks settled
// after asOf (index tasks_settled: none for a live scoreboard, every one
// since for a past period), or the completed and cancelled tasks due in
// the period (index tasks_stats), of which the totals hold about
// completed; a probe of at most completed+1 index entries tells.
func (s *Store) dueStatsWhole(ctx context.Context, from, to domain.Date, asOf time.Time, completed int) ([]domain.Task, error) {
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	due := ""
	if !from.IsZero() {
		due += " AND t.due_date >= " + arg(from.String())
	}
	if !to.IsZero() {
		due += " AND t.due_date <= " + arg(to.String())
	}
	n := len(args)
	review, err := queryTasks(ctx, s.db, `SELECT `+prefixed("t.", taskColumns)+` FROM tasks t
WHERE t.status = `+arg(string(domain.StatusAwaitingReview))+due, args...)
	if err != nil {
		return nil, fmt.Errorf("unit stats: %w", err)
	}
	const settledAt = "COALESCE(t.accepted_at, t.completed_at, t.cancelled_at)"
	at := store.FormatTime(asOf)
	var later int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM tasks t WHERE `+settledAt+` > $1 LIMIT $2) x`,
		at, completed+1).Scan(&later); err != nil {
		return nil, fmt.Errorf("unit stats: %w", err)
	}
	args = args[:n]
	status := ` IN (` + arg(string(domain.StatusCompleted)) + `, ` + arg(string(domain.StatusCancelled)) + `)`
	var where string
	if later <= completed {
		// From tasks_settled alone: the other conditions are written so
		// that no index serves them (else SQLite reads every completed
		// task due in the period).
		where = settledAt + ` > ` + arg(at) + ` AND t.status || ''` + status + strings.ReplaceAll(due, "t.due_date", "t.due_date || ''")
	} else {
		where = `t.status` + status + due + ` AND ` + settledAt + ` > ` + arg(at)
	}
	settled, err := queryTasks(ctx, s.db, `SELECT `+prefixed("t.", taskColumns)+` FROM tasks t WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("unit stats: %w", err)
	}
	return append(review, settled...), nil
}
