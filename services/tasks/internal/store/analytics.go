package store

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// analyticsScope is the assignee units at and below $1 inside agency $2.
const analyticsScope = `
WITH RECURSIVE scope (id) AS (
    SELECT CAST($1 AS TEXT)
    UNION
    SELECT u.id FROM identity_units u JOIN scope s ON u.parent_id = s.id WHERE u.agency_id = CAST($2 AS TEXT)
)`

// TaskAnalytics reads the figures' tasks in three index range scans per
// unit of the scope: tasks created in the period (counted by status, on
// tasks_assignee), tasks completed in it (tasks_assignee_done) and the
// open ones (tasks_assignee_open). Which of them count, and how, is the
// app's (domain.Classify), so completed and open tasks come back whole.
func (s *Store) TaskAnalytics(ctx context.Context, q app.AnalyticsQuery) (app.AnalyticsData, error) {
	var out app.AnalyticsData
	args := []any{q.Root, q.Agency}
	person := ""
	switch {
	case q.UserID != "":
		args = append(args, q.UserID)
		person = fmt.Sprintf(" AND t.assignee_user_id = $%d", len(args))
	case q.Persons:
		person = " AND t.assignee_user_id <> ''"
	}
	from, to := store.FormatTime(q.From), store.FormatTime(q.To)
	n := len(args)
	rows, err := s.db.QueryContext(ctx, analyticsScope+`
SELECT t.assignee_unit_id, t.assignee_user_id, t.status, COUNT(*) FROM tasks t
WHERE t.assignee_unit_id IN (SELECT id FROM scope) AND t.created_at >= `+fmt.Sprintf("$%d AND t.created_at <= $%d", n+1, n+2)+person+`
GROUP BY t.assignee_unit_id, t.assignee_user_id, t.status`, append(args, from, to)...)
	if err != nil {
		return out, fmt.Errorf("analytics assigned: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c app.AssignedCount
		var st string
		if err := rows.Scan(&c.UnitID, &c.UserID, &st, &c.N); err != nil {
			return out, fmt.Errorf("analytics assigned: %w", err)
		}
		c.Status = domain.Status(st)
		out.Assigned = append(out.Assigned, c)
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("analytics assigned: %w", err)
	}
	rows.Close()
	out.Completed, err = queryTasks(ctx, s.db, analyticsScope+`
SELECT `+prefixed("t.", taskColumns)+` FROM tasks t
WHERE t.assignee_unit_id IN (SELECT id FROM scope) AND t.completed_at >= `+fmt.Sprintf("$%d AND t.completed_at <= $%d", n+1, n+2)+person,
		append(args, from, to)...)
	if err != nil {
		return out, fmt.Errorf("analytics completed: %w", err)
	}
	openArgs := append([]any{}, args...)
	open := openIn(&openArgs)
	out.Open, err = queryTasks(ctx, s.db, analyticsScope+`
SELECT `+prefixed("t.", taskColumns)+` FROM tasks t
WHERE t.assignee_unit_id IN (SELECT id FROM scope) AND t.status IN `+open+person, openArgs...)
	if err != nil {
		return out, fmt.Errorf("analytics open: %w", err)
	}
	return out, nil
}
