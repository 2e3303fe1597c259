package store

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// Reports returns a task's reports, oldest first.
func (s *Store) Reports(ctx context.Context, taskID string) ([]domain.Report, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT id, task_id, author_user_id, author_unit_id, progress_percent, summary, result, final, submitted_at,
    decision, review_comment, reviewed_by, reviewed_at
FROM task_reports WHERE task_id = $1 ORDER BY submitted_at, id`, taskID)
	if err != nil {
		return nil, fmt.Errorf("read reports: %w", err)
	}
	defer rows.Close()
	out := []domain.Report{}
	for rows.Next() {
		var (
			r                   domain.Report
			submitted, decision string
			reviewed            *string
		)
		if err := rows.Scan(&r.ID, &r.TaskID, &r.AuthorUserID, &r.AuthorUnitID, &r.ProgressPercent, &r.Summary,
			&r.Result, &r.Final, &submitted, &decision, &r.Comment, &r.ReviewedBy, &reviewed); err != nil {
			return nil, fmt.Errorf("read reports: %w", err)
		}
		r.Decision = domain.ReviewDecision(decision)
		if r.SubmittedAt, err = parseTime(submitted); err != nil {
			return nil, err
		}
		if r.ReviewedAt, err = parseOptTime(reviewed); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read reports: %w", err)
	}
	return out, nil
}
