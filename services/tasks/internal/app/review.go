package app

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// ReviewInput is a review (from tasksapi.ReviewRequest).
type ReviewInput struct {
	Decision string
	Comment  string
}

// ReviewResult is the reviewed report and the task after it.
type ReviewResult struct {
	Report domain.Report
	Task   TaskView
}

// ReviewReport records the assigner's verdict: accepting a final report
// completes the task as of the report's submission, returning it sends the
// task back to in_progress. Leaders and specialists of the assigner's
// agency review.
func (a *App) ReviewReport(ctx context.Context, id, reportID string, in ReviewInput) (ReviewResult, error) {
	decision, err := domain.ParseDecision(in.Decision, in.Comment)
	if err != nil {
		return ReviewResult{}, err
	}
	s, err := a.load(ctx, id)
	if err != nil {
		return ReviewResult{}, err
	}
	if _, err := a.reports.Report(ctx, id, reportID); err != nil {
		return ReviewResult{}, err
	}
	if !s.place.MayReview(s.v) {
		return ReviewResult{}, apperr.Forbidden("only leaders and specialists of the assigner's agency review reports")
	}
	now := a.now()
	var (
		r domain.Report
		t domain.Task
	)
	err = a.tasks.Update(ctx, id, func(ctx context.Context, cur *domain.Task, w Writes) error {
		var err error
		if r, err = w.Reports.Report(ctx, id, reportID); err != nil {
			return err
		}
		from := cur.Status
		if t, err = cur.Review(r, decision, now); err != nil {
			return err
		}
		*cur = t
		r.Decision, r.Comment, r.ReviewedBy, r.ReviewedAt = decision, in.Comment, s.v.UserID, &now
		if err := w.Reports.ReviewReport(ctx, r); err != nil {
			return err
		}
		if err := a.record(ctx, w, t, s.v, from, domain.HistoryEntry{Action: domain.ActionReportReviewed,
			ReportID: r.ID, Decision: string(decision), Note: in.Comment}); err != nil {
			return err
		}
		if err := a.emit(ctx, w, events.TaskReportReviewed, t.ID, &eventsv1.TaskReportReviewed{Task: ref(t, now),
			ReportId: r.ID, Decision: string(decision), Comment: in.Comment, ReviewedBy: s.v.UserID, Final: r.Final}); err != nil {
			return err
		}
		if t.Status != domain.StatusCompleted {
			return nil
		}
		if err := a.record(ctx, w, t, s.v, from, domain.HistoryEntry{Action: domain.ActionCompleted, ReportID: r.ID}); err != nil {
			return err
		}
		return a.emit(ctx, w, events.TaskCompleted, t.ID, &eventsv1.TaskCompleted{Task: ref(t, now),
			CompletedAt: t.CompletedAt.Format(time.RFC3339Nano), Class: string(t.Class(now))})
	})
	if err != nil {
		return ReviewResult{}, err
	}
	return ReviewResult{Report: r, Task: a.view(t, now)}, nil
}
