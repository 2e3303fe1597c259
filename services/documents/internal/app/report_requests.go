package app

import (
	"context"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Requested keeps a periodic report request of a task
// (task.report_requested) through w, for the consolidated report's
// per-period list.
func (t *TaskViews) Requested(ctx context.Context, w TaskWrites, r domain.ReportRequest) error {
	return w.AddReportRequest(ctx, r)
}

// Answered applies a report submitted on a task at at to its report
// requests by the tasks service's rule: the report answers the earliest
// unanswered request whose period has begun by the report's day, late when
// that day is past the request's due date. The tasks service's events of
// one task come in order (keyed by the task), so the requests a report may
// answer are known when it comes.
func (t *TaskViews) Answered(ctx context.Context, w TaskWrites, taskID, reportID string, at time.Time) error {
	if reportID == "" {
		return nil
	}
	return w.AnswerReportRequest(ctx, taskID, reportID, domain.Today(at), pkgstore.FormatTime(at))
}
