package store

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// AddHistory appends h with the task's next sequence number. Writers of one
// task are serialised by the task row they change in the same transaction.
func (s *Store) AddHistory(ctx context.Context, tx *store.Tx, h domain.HistoryEntry) error {
	_, err := tx.ExecContext(ctx, `
INSERT INTO task_history (task_id, seq, action, actor_user_id, actor_unit_id, at, from_status, to_status, note, event_id)
SELECT CAST($1 AS TEXT), COALESCE(MAX(seq), 0) + 1, CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS TEXT),
    CAST($5 AS TEXT), CAST($6 AS TEXT), CAST($7 AS TEXT), CAST($8 AS TEXT), CAST($9 AS TEXT)
FROM task_history WHERE task_id = $1`,
		h.TaskID, string(h.Action), h.ActorUserID, h.ActorUnitID, store.FormatTime(h.At),
		string(h.FromStatus), string(h.ToStatus), h.Note, h.EventID)
	if err != nil {
		return fmt.Errorf("add history of task %s: %w", h.TaskID, err)
	}
	return nil
}

// History returns a task's entries in order.
func (s *Store) History(ctx context.Context, taskID string) ([]domain.HistoryEntry, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT task_id, seq, action, actor_user_id, actor_unit_id, at, from_status, to_status, note, event_id
FROM task_history WHERE task_id = $1 ORDER BY seq`, taskID)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	defer rows.Close()
	out := []domain.HistoryEntry{}
	for rows.Next() {
		var (
			h                domain.HistoryEntry
			action, from, to string
			at               string
		)
		if err := rows.Scan(&h.TaskID, &h.Seq, &action, &h.ActorUserID, &h.ActorUnitID, &at, &from, &to, &h.Note, &h.EventID); err != nil {
			return nil, fmt.Errorf("read history: %w", err)
		}
		h.Action, h.FromStatus, h.ToStatus = domain.Action(action), domain.Status(from), domain.Status(to)
		if h.At, err = store.ParseTime(at); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	return out, nil
}
