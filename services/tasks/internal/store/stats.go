package store

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// UnitStats counts the four classes per assignee unit over the tasks whose
// due date lies in [from, to], read at today (the date of now). The SQL
// mirrors domain.Classify: a completed task is on time when completed_at is
// not after the due date's end (due_date || domain.DueEndUTCSuffix), an open
// one is overdue when its due date is before today; cancelled tasks do not
// count. A zero from or to leaves that side open.
func (s *Store) UnitStats(ctx context.Context, from, to, today domain.Date) ([]app.UnitStat, error) {
	args := []any{string(domain.StatusCompleted), domain.DueEndUTCSuffix, today.String()}
	open := openIn(&args)
	where := ""
	if !from.IsZero() {
		args = append(args, from.String())
		where += fmt.Sprintf(" AND due_date >= $%d", len(args))
	}
	if !to.IsZero() {
		args = append(args, to.String())
		where += fmt.Sprintf(" AND due_date <= $%d", len(args))
	}
	rows, err := s.db.QueryContext(ctx, `
SELECT assignee_unit_id,
    SUM(CASE WHEN status = $1 AND completed_at <= due_date || CAST($2 AS TEXT) THEN 1 ELSE 0 END),
    SUM(CASE WHEN status = $1 AND completed_at > due_date || CAST($2 AS TEXT) THEN 1 ELSE 0 END),
    SUM(CASE WHEN status IN `+open+` AND due_date >= $3 THEN 1 ELSE 0 END),
    SUM(CASE WHEN status IN `+open+` AND due_date < $3 THEN 1 ELSE 0 END)
FROM tasks WHERE status <> 'cancelled'`+where+`
GROUP BY assignee_unit_id ORDER BY assignee_unit_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("unit stats: %w", err)
	}
	defer rows.Close()
	out := []app.UnitStat{}
	for rows.Next() {
		var u app.UnitStat
		if err := rows.Scan(&u.UnitID, &u.CompletedOnTime, &u.CompletedLate, &u.OpenWithinDeadline, &u.OpenOverdue); err != nil {
			return nil, fmt.Errorf("unit stats: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
