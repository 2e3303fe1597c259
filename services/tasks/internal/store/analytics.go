package store

import (
	"context"
	"fmt"
	"strings"

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
// app's (domain.Classify), so completed tasks come back whole, and open
// ones whole or counted by what their class depends on.
func (s *Store) TaskAnalytics(ctx context.Context, q app.AnalyticsQuery) (app.AnalyticsData, error) {
	var out app.AnalyticsData
	st := analyticsStatements(q)
	rows, err := s.db.QueryContext(ctx, st[0].sql, st[0].args...)
	if err != nil {
		return out, fmt.Errorf("analytics assigned: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c app.AssignedCount
		var status string
		if err := rows.Scan(&c.UnitID, &c.UserID, &status, &c.N); err != nil {
			return out, fmt.Errorf("analytics assigned: %w", err)
		}
		c.Status = domain.Status(status)
		out.Assigned = append(out.Assigned, c)
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("analytics assigned: %w", err)
	}
	rows.Close()
	if out.Completed, err = queryTasks(ctx, s.db, st[1].sql, st[1].args...); err != nil {
		return out, fmt.Errorf("analytics completed: %w", err)
	}
	if q.OpenTasks {
		if out.Open, err = queryTasks(ctx, s.db, st[2].sql, st[2].args...); err != nil {
			return out, fmt.Errorf("analytics open: %w", err)
		}
		return out, nil
	}
	// Tasks waiting for review are few and their class may rest on more
	// than status and due date (the final report's time): read whole.
	if out.Open, err = queryTasks(ctx, s.db, st[4].sql, st[4].args...); err != nil {
		return out, fmt.Errorf("analytics awaiting review: %w", err)
	}
	rows, err = s.db.QueryContext(ctx, st[3].sql, st[3].args...)
	if err != nil {
		return out, fmt.Errorf("analytics open: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c app.OpenCount
		var status, due string
		if err := rows.Scan(&c.UnitID, &c.UserID, &status, &due, &c.N); err != nil {
			return out, fmt.Errorf("analytics open: %w", err)
		}
		if c.DueDate, err = domain.ParseDate(due); err != nil {
			return out, fmt.Errorf("analytics open: %w", err)
		}
		c.Status = domain.Status(status)
		out.OpenCounts = append(out.OpenCounts, c)
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("analytics open: %w", err)
	}
	return out, nil
}

type statement struct {
	sql  string
	args []any
}

// analyticsStatements are TaskAnalytics' queries: tasks created in the
// period by unit, person and status; tasks completed in it; tasks open now
// whole (to list them), or else those assigned or in progress counted by
// unit, person (per-person figures only), status and due date — all their
// class depends on — on the covering index tasks_assignee_open, and those
// waiting for review whole.
func analyticsStatements(q app.AnalyticsQuery) [5]statement {
	args := []any{q.Root, q.Agency}
	person := ""
	switch {
	case q.UserID != "":
		args = append(args, q.UserID)
		person = fmt.Sprintf(" AND t.assignee_user_id = $%d", len(args))
	case q.Persons:
		person = " AND t.assignee_user_id <> ''"
	}
	n := len(args)
	period := append(append([]any{}, args...), store.FormatTime(q.From), store.FormatTime(q.To))
	between := func(col string) string { return fmt.Sprintf(" AND t.%s >= $%d AND t.%s <= $%d", col, n+1, col, n+2) }
	inScope := ` WHERE t.assignee_unit_id IN (SELECT id FROM scope)`
	openArgs := append([]any{}, args...)
	open := openIn(&openArgs)
	counted := append([]any{}, args...)
	var running []string
	for _, st := range domain.OpenStatuses {
		if st != domain.StatusAwaitingReview {
			counted = append(counted, string(st))
			running = append(running, fmt.Sprintf("$%d", len(counted)))
		}
	}
	waiting := append(append([]any{}, args...), string(domain.StatusAwaitingReview))
	// Per unit, the persons are left out of the counts' groups ('' as every
	// row's person: PostgreSQL groups by no constant).
	user, byUser := "''", ""
	if q.Persons {
		user, byUser = "t.assignee_user_id", "t.assignee_user_id, "
	}
	return [5]statement{
		{analyticsScope + `
SELECT t.assignee_unit_id, ` + user + `, t.status, COUNT(*) FROM tasks t` + inScope + between("created_at") + person + `
GROUP BY t.assignee_unit_id, ` + byUser + `t.status`, period},
		{analyticsScope + `
SELECT ` + prefixed("t.", taskColumns) + ` FROM tasks t` + inScope + between("completed_at") + person, period},
		{analyticsScope + `
SELECT ` + prefixed("t.", taskColumns) + ` FROM tasks t` + inScope + ` AND t.status IN ` + open + person, openArgs},
		{analyticsScope + `
SELECT t.assignee_unit_id, ` + user + `, t.status, t.due_date, COUNT(*) FROM tasks t` + inScope +
			` AND t.status IN (` + strings.Join(running, ", ") + `)` + person + `
GROUP BY t.assignee_unit_id, ` + byUser + `t.status, t.due_date`, counted},
		{analyticsScope + `
SELECT ` + prefixed("t.", taskColumns) + ` FROM tasks t` + inScope + fmt.Sprintf(" AND t.status = $%d", len(waiting)) + person, waiting},
	}
}
