package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

const taskColumns = `id, origin, source_document_id, source_kind, source_notation, confidentiality, urgency,
    plan_item_id, parent_task_id, assigner_unit_id, assignee_unit_id, assignee_user_id, role, title,
    due_date, status, progress_percent, created_at, updated_at, completed_at, cancelled_at, version, due_working_days,
    final_report_at, accepted_at`

// CreateTask inserts t unless a task with its natural key exists.
func (s *Store) CreateTask(ctx context.Context, tx *store.Tx, t domain.Task) (bool, error) {
	if err := t.Validate(); err != nil {
		return false, fmt.Errorf("create task: %w", err)
	}
	res, err := tx.ExecContext(ctx, `
INSERT INTO tasks (`+taskColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
ON CONFLICT (source_document_id, origin, plan_item_id, parent_task_id, assignee_unit_id, assignee_user_id, role)
DO NOTHING`,
		t.ID, string(t.Origin), t.SourceDocumentID, t.SourceKind, t.SourceNotation, t.Confidentiality,
		string(t.Urgency), t.PlanItemID, t.ParentTaskID, t.AssignerUnitID, t.AssigneeUnitID, t.AssigneeUserID,
		string(t.Role), t.Title, t.DueDate.String(), string(t.Status), t.ProgressPercent,
		store.FormatTime(t.CreatedAt), store.FormatTime(t.UpdatedAt), formatOptTime(t.CompletedAt), formatOptTime(t.CancelledAt),
		t.Version, t.DueWorkingDays, formatOptTime(t.FinalReportAt), formatOptTime(t.AcceptedAt))
	if err != nil {
		return false, fmt.Errorf("create task: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("create task: %w", err)
	}
	if n != 1 {
		return false, nil
	}
	d := countDeltas{}
	d.move(countKey{}, keyOf(t))
	return true, d.apply(ctx, tx)
}

func scanTask(r rowScanner) (domain.Task, error) {
	var (
		t                         domain.Task
		origin, urgency, role, st string
		due, created, updated     string
		completed, cancelled      *string
		final, accepted           *string
	)
	err := r.Scan(&t.ID, &origin, &t.SourceDocumentID, &t.SourceKind, &t.SourceNotation, &t.Confidentiality,
		&urgency, &t.PlanItemID, &t.ParentTaskID, &t.AssignerUnitID, &t.AssigneeUnitID, &t.AssigneeUserID,
		&role, &t.Title, &due, &st, &t.ProgressPercent, &created, &updated, &completed, &cancelled, &t.Version, &t.DueWorkingDays,
		&final, &accepted)
	if err != nil {
		return domain.Task{}, err
	}
	t.Origin, t.Urgency, t.Role, t.Status = domain.Origin(origin), domain.Urgency(urgency), domain.Role(role), domain.Status(st)
	if t.DueDate, err = domain.ParseDate(due); err != nil {
		return domain.Task{}, fmt.Errorf("task %s: %w", t.ID, err)
	}
	if t.CreatedAt, err = store.ParseTime(created); err != nil {
		return domain.Task{}, err
	}
	if t.UpdatedAt, err = store.ParseTime(updated); err != nil {
		return domain.Task{}, err
	}
	if t.CompletedAt, err = parseOptTime(completed); err != nil {
		return domain.Task{}, err
	}
	if t.CancelledAt, err = parseOptTime(cancelled); err != nil {
		return domain.Task{}, err
	}
	if t.FinalReportAt, err = parseOptTime(final); err != nil {
		return domain.Task{}, err
	}
	if t.AcceptedAt, err = parseOptTime(accepted); err != nil {
		return domain.Task{}, err
	}
	return t, nil
}

// Task returns the task with id.
func (s *Store) Task(ctx context.Context, id string) (domain.Task, error) {
	t, err := scanTask(s.db.QueryRowContext(ctx, `SELECT `+taskColumns+` FROM tasks WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Task{}, apperr.NotFound("task")
	}
	if err != nil {
		return domain.Task{}, fmt.Errorf("read task: %w", err)
	}
	return t, nil
}

// Tasks lists one page of a box, newest first (created_at, then id).
//
// The caller's scope is their unit and the units below it in the same
// agency, walked down the unit tree with a recursive query. The walk starts
// from the token's unit, so the caller's own unit counts even before the
// tree knows it; units below it count once their unit.created arrived.
//
// A box of a few units (an agency and its divisions) is read as the
// newest page of each unit merged (index tasks_assignee or
// tasks_assigner: unit, created_at, id), so that a page costs its units,
// not the tasks they ever held; a wider one in one scan of them all.
func (s *Store) Tasks(ctx context.Context, q app.TaskQuery) ([]domain.Task, error) {
	var (
		column string   // the box's unit column
		units  []string // the box's units, when few enough to merge
	)
	switch q.Box {
	case domain.BoxInbox:
		if q.AssigneeUserID == "" {
			column = "t.assignee_unit_id"
		}
	case domain.BoxOutbox:
		column = "t.assigner_unit_id"
	default:
		return nil, fmt.Errorf("list tasks: unknown box %q", q.Box)
	}
	if column != "" {
		scope, err := s.scope(ctx, q.Viewer)
		if err != nil {
			return nil, err
		}
		if q.Box == domain.BoxOutbox && !slices.Contains(scope, q.Viewer.AgencyID) {
			scope = append(scope, q.Viewer.AgencyID)
		}
		if len(scope) <= mergedUnits {
			units = scope
		}
	}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	var where []string
	if units == nil {
		// The scope query below takes $1 and $2.
		arg(q.Viewer.UnitID)
		arg(q.Viewer.AgencyID)
		switch {
		case q.Box == domain.BoxOutbox:
			where = append(where, `(t.assigner_unit_id = CAST($2 AS TEXT) OR t.assigner_unit_id IN (SELECT id FROM scope))`)
		case q.AssigneeUserID != "":
			// The person's own tasks, wherever they sit now.
			where = append(where, `t.assignee_user_id = `+arg(q.AssigneeUserID))
		default:
			where = append(where, `t.assignee_unit_id IN (SELECT id FROM scope)`)
		}
	}
	if q.Status != "" {
		where = append(where, `t.status = `+arg(string(q.Status)))
	}
	if q.SourceDocumentID != "" {
		where = append(where, `t.source_document_id = `+arg(q.SourceDocumentID))
	}
	if q.Overdue != nil {
		open := make([]string, len(domain.OpenStatuses))
		for i, st := range domain.OpenStatuses {
			open[i] = arg(string(st))
		}
		// a final report submitted on time waits for review without being
		// overdue (followup.ClassAt)
		overdue := `(t.status IN (` + strings.Join(open, ", ") + `) AND t.due_date < ` + arg(q.OverdueBefore.String()) +
			` AND NOT (t.status = ` + arg(string(domain.StatusAwaitingReview)) +
			` AND COALESCE(t.final_report_at, 'z') <= t.due_date || CAST(` + arg(domain.DueEndUTCSuffix) + ` AS TEXT)))`
		if !*q.Overdue {
			overdue = `NOT ` + overdue
		}
		where = append(where, overdue)
	}
	if q.After != nil {
		c, id := arg(store.FormatTime(q.After.CreatedAt)), arg(q.After.ID)
		where = append(where, `(t.created_at < `+c+` OR (t.created_at = `+c+` AND t.id < `+id+`))`)
	}
	order := ` ORDER BY t.created_at DESC, t.id DESC LIMIT ` + arg(q.Limit)
	if units != nil {
		arms := make([]string, len(units))
		for i, u := range units {
			arms[i] = `SELECT * FROM (SELECT ` + prefixed("t.", taskColumns) + ` FROM tasks t WHERE ` +
				strings.Join(append([]string{column + ` = ` + arg(u)}, where...), " AND ") + order + `) u`
		}
		return queryTasks(ctx, s.db, `SELECT `+prefixed("t.", taskColumns)+` FROM (`+
			strings.Join(arms, "\nUNION ALL\n")+`) t`+order, args...)
	}
	return queryTasks(ctx, s.db, `
WITH RECURSIVE scope (id) AS (
    SELECT CAST($1 AS TEXT)
    UNION
    SELECT u.id FROM identity_units u JOIN scope s ON u.parent_id = s.id WHERE u.agency_id = CAST($2 AS TEXT)
)
SELECT `+prefixed("t.", taskColumns)+` FROM tasks t
WHERE `+strings.Join(where, " AND ")+order, args...)
}

// mergedUnits bounds the units of a box read unit by unit.
const mergedUnits = 16

// scope is the viewer's unit and the units below it in its agency.
func (s *Store) scope(ctx context.Context, v domain.Viewer) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `
WITH RECURSIVE scope (id) AS (
    SELECT CAST($1 AS TEXT)
    UNION
    SELECT u.id FROM identity_units u JOIN scope s ON u.parent_id = s.id WHERE u.agency_id = CAST($2 AS TEXT)
)
SELECT id FROM scope`, v.UnitID, v.AgencyID)
	if err != nil {
		return nil, fmt.Errorf("list tasks: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list tasks: %w", err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tasks: %w", err)
	}
	return out, nil
}

func prefixed(prefix, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = prefix + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}
