package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// batchRows bounds the rows of one multi-row INSERT (25 parameters each,
// well under both databases' parameter limits).
const batchRows = 500

// taskParams is the number of taskColumns.
const taskParams = 25

// CreateTasks inserts the tasks whose natural key is new, many per
// statement, and returns the ids it created (in no particular order).
// Fan-outs (a plan's items, a direction) use it so that thousands of tasks
// cost a few statements, not thousands.
func (s *Store) CreateTasks(ctx context.Context, tx *store.Tx, tasks []domain.Task) (map[string]bool, error) {
	created := map[string]bool{}
	counts := countDeltas{}
	for start := 0; start < len(tasks); start += batchRows {
		chunk := tasks[start:min(start+batchRows, len(tasks))]
		var b strings.Builder
		args := make([]any, 0, len(chunk)*taskParams)
		for i, t := range chunk {
			if err := t.Validate(); err != nil {
				return nil, fmt.Errorf("create task: %w", err)
			}
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(")
			for j := 0; j < taskParams; j++ {
				if j > 0 {
					b.WriteString(", ")
				}
				fmt.Fprintf(&b, "$%d", len(args)+j+1)
			}
			b.WriteString(")")
			args = append(args, t.ID, string(t.Origin), t.SourceDocumentID, t.SourceKind, t.SourceNotation, t.Confidentiality,
				string(t.Urgency), t.PlanItemID, t.ParentTaskID, t.AssignerUnitID, t.AssigneeUnitID, t.AssigneeUserID,
				string(t.Role), t.Title, t.DueDate.String(), string(t.Status), t.ProgressPercent,
				store.FormatTime(t.CreatedAt), store.FormatTime(t.UpdatedAt), formatOptTime(t.CompletedAt), formatOptTime(t.CancelledAt),
				t.Version, t.DueWorkingDays, formatOptTime(t.FinalReportAt), formatOptTime(t.AcceptedAt))
		}
		rows, err := tx.QueryContext(ctx, `INSERT INTO tasks (`+taskColumns+`) VALUES `+b.String()+`
ON CONFLICT (source_document_id, origin, plan_item_id, parent_task_id, assignee_unit_id, assignee_user_id, role)
DO NOTHING RETURNING id`, args...)
		if err != nil {
			return nil, fmt.Errorf("create tasks: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("create tasks: %w", err)
			}
			created[id] = true
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("create tasks: %w", err)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("create tasks: %w", err)
		}
		for _, t := range chunk {
			if created[t.ID] {
				counts.move(countKey{}, keyOf(t))
			}
		}
	}
	return created, counts.apply(ctx, tx)
}

// AddFirstHistory writes the first entry (seq 1) of new tasks, many per
// statement.
func (s *Store) AddFirstHistory(ctx context.Context, tx *store.Tx, hs []domain.HistoryEntry) error {
	for start := 0; start < len(hs); start += batchRows {
		chunk := hs[start:min(start+batchRows, len(hs))]
		var b strings.Builder
		args := make([]any, 0, len(chunk)*16)
		for i, h := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(1")
			for _, v := range historyArgs(h) {
				args = append(args, v)
				fmt.Fprintf(&b, ", $%d", len(args))
			}
			b.WriteString(")")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO task_history (seq, `+historyColumns+`) VALUES `+b.String(), args...); err != nil {
			return fmt.Errorf("add history: %w", err)
		}
	}
	return nil
}
