package store

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// UpsertTask records a task event's view of the task. A completed or
// cancelled task stays so (a late, older event does not reopen it);
// progress and class are kept unless the event carries them. A report
// (ReportAt set) replaces the latest report's text and progress only if it
// is not older than the one kept, and no report moves a completed task's
// progress off 100 %.
func (s *Store) UpsertTask(ctx context.Context, tx *store.Tx, t domain.TaskView) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO task_views (task_id, source_document_id, plan_item_id, parent_task_id,
		assigner_unit_id, assigner_agency_id, assignee_unit_id, role, due_date, status, progress_percent, reported, class, updated_at,
		latest_summary, latest_result, latest_report_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $16, $17, $18)
		ON CONFLICT (task_id) DO UPDATE SET
			due_date = CASE WHEN excluded.due_date <> '' THEN excluded.due_date ELSE task_views.due_date END,
			status = CASE WHEN task_views.status IN ('completed', 'cancelled') THEN task_views.status ELSE excluded.status END,
			progress_percent = CASE WHEN $15 AND ($18 = '' OR (task_views.status <> 'completed' AND $18 >= task_views.latest_report_at))
				THEN excluded.progress_percent ELSE task_views.progress_percent END,
			reported = task_views.reported OR excluded.reported,
			class = CASE WHEN excluded.class <> '' THEN excluded.class ELSE task_views.class END,
			updated_at = excluded.updated_at,
			latest_summary = CASE WHEN $18 <> '' AND $18 >= task_views.latest_report_at THEN excluded.latest_summary ELSE task_views.latest_summary END,
			latest_result = CASE WHEN $18 <> '' AND $18 >= task_views.latest_report_at THEN excluded.latest_result ELSE task_views.latest_result END,
			latest_report_at = CASE WHEN $18 <> '' AND $18 >= task_views.latest_report_at THEN excluded.latest_report_at ELSE task_views.latest_report_at END`,
		t.TaskID, t.SourceDocumentID, t.PlanItemID, t.ParentTaskID, t.AssignerUnitID, t.AssignerAgencyID,
		t.AssigneeUnitID, t.Role, t.DueDate, t.Status, t.Progress, t.Reported, t.Class, t.UpdatedAt, t.HasReport,
		t.Summary, t.Result, t.ReportAt)
	if err != nil {
		return fmt.Errorf("upsert task %s: %w", t.TaskID, err)
	}
	return nil
}

// PlanTasks lists the top-level tasks of a plan's items, keyed by item.
func (s *Store) PlanTasks(ctx context.Context, planID string) ([]domain.TaskView, error) {
	q := s.DB
	rows, err := q.QueryContext(ctx, `SELECT task_id, source_document_id, plan_item_id, parent_task_id, assigner_unit_id,
		assigner_agency_id, assignee_unit_id, role, due_date, status, progress_percent, reported, class, updated_at,
		latest_summary, latest_result, latest_report_at
		FROM task_views WHERE source_document_id = $1 AND parent_task_id = '' AND plan_item_id <> ''
		ORDER BY plan_item_id, role, task_id`, planID)
	if err != nil {
		return nil, fmt.Errorf("tasks of plan %s: %w", planID, err)
	}
	defer rows.Close()
	var out []domain.TaskView
	for rows.Next() {
		var t domain.TaskView
		if err := rows.Scan(&t.TaskID, &t.SourceDocumentID, &t.PlanItemID, &t.ParentTaskID, &t.AssignerUnitID,
			&t.AssignerAgencyID, &t.AssigneeUnitID, &t.Role, &t.DueDate, &t.Status, &t.Progress, &t.Reported,
			&t.Class, &t.UpdatedAt, &t.Summary, &t.Result, &t.ReportAt); err != nil {
			return nil, fmt.Errorf("tasks of plan %s: %w", planID, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
