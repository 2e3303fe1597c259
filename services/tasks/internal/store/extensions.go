package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

const extensionColumns = `id, task_id, previous_due_date, requested_due_date, reason, requested_by, requested_at,
    decision, decision_comment, decided_by, decided_at`

// AddExtension records a pending request; a second pending one for the
// task meets the partial unique index and is a conflict.
func (s *Store) AddExtension(ctx context.Context, tx *store.Tx, e domain.Extension) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO task_extensions (`+extensionColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, $7, '', '', '', NULL)`,
		e.ID, e.TaskID, e.PreviousDueDate.String(), e.RequestedDueDate.String(), e.Reason, e.RequestedBy,
		store.FormatTime(e.RequestedAt))
	if store.IsUniqueViolation(err) {
		return apperr.Conflict("an extension request of this task awaits a decision", "")
	}
	if err != nil {
		return fmt.Errorf("add extension: %w", err)
	}
	return nil
}

// PendingExtension returns the task's undecided request, or an
// apperr.ErrNotFound error.
func (s *Store) PendingExtension(ctx context.Context, q store.Querier, taskID string) (domain.Extension, error) {
	e, err := scanExtension(q.QueryRowContext(ctx, `SELECT `+extensionColumns+` FROM task_extensions WHERE task_id = $1 AND decision = ''`, taskID))
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Extension{}, apperr.NotFound("extension request")
	}
	return e, err
}

// Extension returns one request of a task.
func (s *Store) Extension(ctx context.Context, taskID, id string) (domain.Extension, error) {
	e, err := scanExtension(s.db.QueryRowContext(ctx, `SELECT `+extensionColumns+` FROM task_extensions WHERE task_id = $1 AND id = $2`, taskID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Extension{}, apperr.NotFound("extension request")
	}
	return e, err
}

// DecideExtension records the decision on a pending request.
func (s *Store) DecideExtension(ctx context.Context, tx *store.Tx, e domain.Extension) error {
	res, err := tx.ExecContext(ctx, `UPDATE task_extensions SET decision = $1, decision_comment = $2, decided_by = $3, decided_at = $4
WHERE id = $5 AND decision = ''`, e.Decision, e.Comment, e.DecidedBy, formatOptTime(e.DecidedAt), e.ID)
	if err != nil {
		return fmt.Errorf("decide extension: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return apperr.Conflict("this extension request has been decided already", "")
	}
	return nil
}

// Extensions returns a task's requests, oldest first.
func (s *Store) Extensions(ctx context.Context, taskID string) ([]domain.Extension, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+extensionColumns+` FROM task_extensions WHERE task_id = $1 ORDER BY requested_at, id`, taskID)
	if err != nil {
		return nil, fmt.Errorf("read extensions: %w", err)
	}
	defer rows.Close()
	out := []domain.Extension{}
	for rows.Next() {
		e, err := scanExtension(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func scanExtension(row rowScanner) (domain.Extension, error) {
	var (
		e                    domain.Extension
		prev, req, requested string
		decided              *string
	)
	if err := row.Scan(&e.ID, &e.TaskID, &prev, &req, &e.Reason, &e.RequestedBy, &requested, &e.Decision,
		&e.Comment, &e.DecidedBy, &decided); err != nil {
		return domain.Extension{}, err
	}
	var err error
	if e.PreviousDueDate, err = domain.ParseDate(prev); err != nil {
		return domain.Extension{}, err
	}
	if e.RequestedDueDate, err = domain.ParseDate(req); err != nil {
		return domain.Extension{}, err
	}
	if e.RequestedAt, err = store.ParseTime(requested); err != nil {
		return domain.Extension{}, err
	}
	if e.DecidedAt, err = parseOptTime(decided); err != nil {
		return domain.Extension{}, err
	}
	return e, nil
}
