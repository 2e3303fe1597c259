package store

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// Reports returns a task's reports, oldest first.
func (s *Store) Reports(ctx context.Context, taskID string) ([]domain.Report, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+reportColumns+` FROM task_reports WHERE task_id = $1 ORDER BY submitted_at, id`, taskID)
	if err != nil {
		return nil, fmt.Errorf("read reports: %w", err)
	}
	defer rows.Close()
	out := []domain.Report{}
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, fmt.Errorf("read reports: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read reports: %w", err)
	}
	return out, nil
}
