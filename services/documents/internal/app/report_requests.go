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
// requests: it answers requestID, the request the tasks service matched
// it to, when the event names one. Events written before the tasks
// service named it carry none; for them the service's rule stands in: the
// report answers the earliest unanswered request whose period has begun by
// the report's day. Either way the answer is late when that day is past
// the request's due date. The tasks service's events of one task come in
// order (keyed by the task), so the requests a report may answer are
// known when it comes.
func (t *TaskViews) Answered(ctx context.Context, w TaskWrites, taskID, requestID, reportID string, at time.Time) error {
	if reportID == "" {
		return nil
	}
	return w.AnswerReportRequest(ctx, taskID, requestID, reportID, domain.Today(at), pkgstore.FormatTime(at))
}
