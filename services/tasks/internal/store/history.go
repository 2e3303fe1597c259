package store

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// historyColumns are task_history's columns but seq, in historyArgs' order.
const historyColumns = `task_id, action, actor_user_id, actor_unit_id, at, from_status, to_status, note, event_id,
    decision, reason, report_id, old_due_date, new_due_date, to_unit_id, to_user_id`

// historyArgs are h's values for historyColumns.
func historyArgs(h domain.HistoryEntry) []any {
	return []any{h.TaskID, string(h.Action), h.ActorUserID, h.ActorUnitID, store.FormatTime(h.At),
		string(h.FromStatus), string(h.ToStatus), h.Note, h.EventID,
		h.Decision, h.Reason, h.ReportID, h.OldDueDate.String(), h.NewDueDate.String(), h.ToUnitID, h.ToUserID}
}

// AddHistory appends h with the task's next sequence number. Writers of one
// task are serialised by the task row they change in the same transaction.
func (s *Store) AddHistory(ctx context.Context, tx *store.Tx, h domain.HistoryEntry) error {
	_, err := tx.ExecContext(ctx, `
INSERT INTO task_history (seq, `+historyColumns+`)
SELECT COALESCE(MAX(seq), 0) + 1, CAST($1 AS TEXT), CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS TEXT),
    CAST($5 AS TEXT), CAST($6 AS TEXT), CAST($7 AS TEXT), CAST($8 AS TEXT), CAST($9 AS TEXT),
    CAST($10 AS TEXT), CAST($11 AS TEXT), CAST($12 AS TEXT), CAST($13 AS TEXT), CAST($14 AS TEXT),
    CAST($15 AS TEXT), CAST($16 AS TEXT)
FROM task_history WHERE task_id = $1`, historyArgs(h)...)
	if err != nil {
		return fmt.Errorf("add history of task %s: %w", h.TaskID, err)
	}
	return nil
}

// History returns a task's entries in order.
func (s *Store) History(ctx context.Context, taskID string) ([]domain.HistoryEntry, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT seq, `+historyColumns+`
FROM task_history WHERE task_id = $1 ORDER BY seq`, taskID)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	defer rows.Close()
	out := []domain.HistoryEntry{}
	for rows.Next() {
		var (
			h                            domain.HistoryEntry
			action, from, to, at, od, nd string
		)
		if err := rows.Scan(&h.Seq, &h.TaskID, &action, &h.ActorUserID, &h.ActorUnitID, &at, &from, &to, &h.Note, &h.EventID,
			&h.Decision, &h.Reason, &h.ReportID, &od, &nd, &h.ToUnitID, &h.ToUserID); err != nil {
			return nil, fmt.Errorf("read history: %w", err)
		}
		h.Action, h.FromStatus, h.ToStatus = domain.Action(action), domain.Status(from), domain.Status(to)
		if h.At, err = store.ParseTime(at); err != nil {
			return nil, err
		}
		if h.OldDueDate, err = optDate(od); err != nil {
			return nil, fmt.Errorf("read history of task %s: %w", taskID, err)
		}
		if h.NewDueDate, err = optDate(nd); err != nil {
			return nil, fmt.Errorf("read history of task %s: %w", taskID, err)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	return out, nil
}

// optDate reads a stored date that may be absent (”).
func optDate(s string) (domain.Date, error) {
	if s == "" {
		return domain.Date{}, nil
	}
	return domain.ParseDate(s)
}
