package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// TaskForUpdate reads a task inside tx (the state it is changed from) and,
// on PostgreSQL, locks its row until tx ends, so that two changes of one
// task queue: the second reads what the first wrote, and the task's
// history numbers its entries without a race. (SQLite has one writer at a
// time already.)
func (s *Store) TaskForUpdate(ctx context.Context, tx *store.Tx, id string) (domain.Task, error) {
	lock := ""
	if tx.Dialect == store.Postgres {
		lock = " FOR UPDATE"
	}
	t, err := scanTask(tx.QueryRowContext(ctx, `SELECT `+taskColumns+` FROM tasks WHERE id = $1`+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Task{}, apperr.NotFound("task")
	}
	if err != nil {
		return domain.Task{}, fmt.Errorf("read task: %w", err)
	}
	return t, nil
}

// UpdateTask writes t's changing fields if its stored version is still
// t.Version-1 (optimistic locking): a concurrent change makes it a 409.
// The unit's running totals move with the task (task_counts).
func (s *Store) UpdateTask(ctx context.Context, tx *store.Tx, t domain.Task) error {
	return s.updateTask(ctx, tx, nil, t)
}

// UpdateTaskFrom is UpdateTask for t read as was: it sets only the columns
// that changed. SQLite rewrites every index holding a column named in SET,
// even to the same value, and status is in five of the tasks' indexes: a
// report that leaves the status alone then dirtied five index pages more
// (81 WAL frames instead of 20 for 20 such updates).
func (s *Store) UpdateTaskFrom(ctx context.Context, tx *store.Tx, was, t domain.Task) error {
	return s.updateTask(ctx, tx, &was, t)
}

// updateTask writes t over the stored version t.Version-1 and moves the
// running totals from where that version counted: was, when the caller
// read it as that version (then only changed columns are set), else a
// read of the stored row.
func (s *Store) updateTask(ctx context.Context, tx *store.Tx, was *domain.Task, t domain.Task) error {
	conflict := apperr.Conflict("the task was changed meanwhile; read it again", "")
	if was != nil && (was.ID != t.ID || was.Version != t.Version-1) {
		was = nil // not the version replaced: compare with nothing, set all
	}
	var old countKey
	if was != nil {
		old = keyOf(*was)
	} else {
		stored := domain.Task{ID: t.ID, Version: t.Version - 1}
		var st, due string
		var completed *string
		err := tx.QueryRowContext(ctx, `SELECT assignee_unit_id, status, due_date, completed_at FROM tasks WHERE id = $1 AND version = $2`,
			t.ID, t.Version-1).Scan(&stored.AssigneeUnitID, &st, &due, &completed)
		if errors.Is(err, sql.ErrNoRows) {
			return conflict
		}
		if err != nil {
			return fmt.Errorf("update task %s: %w", t.ID, err)
		}
		stored.Status = domain.Status(st)
		if stored.DueDate, err = domain.ParseDate(due); err != nil {
			return fmt.Errorf("update task %s: %w", t.ID, err)
		}
		if stored.CompletedAt, err = parseOptTime(completed); err != nil {
			return fmt.Errorf("update task %s: %w", t.ID, err)
		}
		old = keyOf(stored)
	}
	var q strings.Builder
	q.WriteString(`UPDATE tasks SET progress_percent = $1, updated_at = $2, version = $3`)
	args := []any{t.ProgressPercent, store.FormatTime(t.UpdatedAt), t.Version}
	set := func(column string, changed bool, v any) {
		if was == nil || changed {
			args = append(args, v)
			fmt.Fprintf(&q, ", %s = $%d", column, len(args))
		}
	}
	set("status", was != nil && was.Status != t.Status, string(t.Status))
	set("due_date", was != nil && was.DueDate != t.DueDate, t.DueDate.String())
	set("completed_at", was != nil && !sameTime(was.CompletedAt, t.CompletedAt), formatOptTime(t.CompletedAt))
	set("cancelled_at", was != nil && !sameTime(was.CancelledAt, t.CancelledAt), formatOptTime(t.CancelledAt))
	set("due_working_days", was != nil && was.DueWorkingDays != t.DueWorkingDays, t.DueWorkingDays)
	set("final_report_at", was != nil && !sameTime(was.FinalReportAt, t.FinalReportAt), formatOptTime(t.FinalReportAt))
	set("accepted_at", was != nil && !sameTime(was.AcceptedAt, t.AcceptedAt), formatOptTime(t.AcceptedAt))
	args = append(args, t.ID, t.Version-1)
	fmt.Fprintf(&q, " WHERE id = $%d AND version = $%d", len(args)-1, len(args))
	res, err := tx.ExecContext(ctx, q.String(), args...)
	if err != nil {
		return fmt.Errorf("update task %s: %w", t.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return conflict
	}
	key := keyOf(t)
	key.unit = old.unit // the assignee is not rewritten
	if key != old {
		d := countDeltas{}
		d.move(old, key)
		if err := d.apply(ctx, tx); err != nil {
			return fmt.Errorf("update task %s: %w", t.ID, err)
		}
	}
	return nil
}

// sameTime reports whether two optional times are stored alike.
func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// queryTasks runs a SELECT of taskColumns (prefixed t.) and scans all rows.
func queryTasks(ctx context.Context, q store.Querier, query string, args ...any) ([]domain.Task, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read tasks: %w", err)
	}
	defer rows.Close()
	var out []domain.Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, fmt.Errorf("read tasks: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read tasks: %w", err)
	}
	return out, nil
}

func openIn(args *[]any) string {
	parts := make([]string, len(domain.OpenStatuses))
	for i, st := range domain.OpenStatuses {
		*args = append(*args, string(st))
		parts[i] = fmt.Sprintf("$%d", len(*args))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// OpenTasksOfDocument returns every open task that arose from docID in any
// way (delegated children carry their parent's source document).
func (s *Store) OpenTasksOfDocument(ctx context.Context, tx *store.Tx, docID string) ([]domain.Task, error) {
	args := []any{docID}
	return queryTasks(ctx, tx, `SELECT `+prefixed("t.", taskColumns)+` FROM tasks t
WHERE t.source_document_id = $1 AND t.status IN `+openIn(&args)+` ORDER BY t.created_at, t.id`, args...)
}

// ReplyTargets returns the top-level tasks of docID held by agency (its own
// unit or a unit in it) that still await a report.
func (s *Store) ReplyTargets(ctx context.Context, tx *store.Tx, docID, agency string) ([]domain.Task, error) {
	return queryTasks(ctx, tx, `SELECT `+prefixed("t.", taskColumns)+` FROM tasks t
LEFT JOIN identity_units u ON u.id = t.assignee_unit_id
WHERE t.source_document_id = $1 AND t.parent_task_id = '' AND (t.assignee_unit_id = $2 OR u.agency_id = $2)
  AND t.status IN ($3, $4) ORDER BY t.created_at, t.id`,
		docID, agency, string(domain.StatusAssigned), string(domain.StatusInProgress))
}

// PlanTasks returns a plan's own tasks (lead and cooperating, not delegated
// children), in the order they were created.
func (s *Store) PlanTasks(ctx context.Context, planID string) ([]domain.Task, error) {
	return queryTasks(ctx, s.db, `SELECT `+prefixed("t.", taskColumns)+` FROM tasks t
WHERE t.source_document_id = $1 AND t.origin = $2 AND t.parent_task_id = ''
ORDER BY t.created_at, t.id`, planID, string(domain.OriginPlanItem))
}

// AssigneeChain returns unit and the units above it inside agency, nearest
// first, as far as the tree knows them.
func (s *Store) AssigneeChain(ctx context.Context, unit, agency string) ([]string, error) {
	return identityview.UnitChain(ctx, s.db, unit, agency)
}
