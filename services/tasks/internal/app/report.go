package app

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// ReportInput is a report as the endpoint hands it over (from
// tasksapi.NewReport).
type ReportInput struct {
	domain.ReportInput
	IdempotencyKey string `json:"-"`
}

// SubmitReport files a member of the assignee unit's report: the first
// moves the task to in_progress, a final one to awaiting_review.
func (a *App) SubmitReport(ctx context.Context, id string, in ReportInput) (domain.Report, error) {
	v, err := viewer(ctx)
	if err != nil {
		return domain.Report{}, err
	}
	now := a.now()
	r, err := domain.NewReport(in.ReportInput, a.newID(), id, v.UserID, v.UnitID, now)
	if err != nil {
		return domain.Report{}, err
	}
	s, err := a.load(ctx, id)
	if err != nil {
		return domain.Report{}, err
	}
	if !s.place.IsMember(s.v, s.t) {
		return domain.Report{}, apperr.Forbidden("only members of the assignee unit report on a task")
	}
	k, err := idempotency.New(s.v.UserID, in.IdempotencyKey, "report "+id, in.ReportInput)
	if err != nil {
		return domain.Report{}, err
	}
	rid, err := a.txs.Once(ctx, k, func(ctx context.Context, w Writes) (string, error) {
		t, err := w.Tasks.TaskForUpdate(ctx, id)
		if err != nil {
			return "", err
		}
		return r.ID, a.fileReport(ctx, w, t, r, s.v, "")
	})
	if err != nil {
		return domain.Report{}, err
	}
	if rid == r.ID {
		return r, nil // as written: no need to read it back
	}
	return a.reports.Report(ctx, id, rid) // a replay: the first request's report
}

// fileReport writes r on t with the status move, history and event
// through w.
func (a *App) fileReport(ctx context.Context, w Writes, t domain.Task, r domain.Report, v domain.Viewer, eventID string) error {
	was, from := t, t.Status
	t, err := t.SubmitReport(r, r.SubmittedAt)
	if err != nil {
		return err
	}
	created, err := w.Reports.AddReport(ctx, r)
	if err != nil {
		return err
	}
	if !created {
		return nil // this reply filed its report before; nothing moves twice
	}
	if err := w.Tasks.UpdateTask(ctx, was, t); err != nil {
		return err
	}
	// the report answers the period that waits for one, if any
	requestID, err := w.Requests.AnswerReportRequest(ctx, t.ID, r.ID, r.SubmittedAt)
	if err != nil {
		return err
	}
	if err := a.record(ctx, w, t, v, from, domain.HistoryEntry{Action: domain.ActionReportSubmitted, ReportID: r.ID, EventID: eventID}); err != nil {
		return err
	}
	p := &eventsv1.TaskReportSubmitted{Task: ref(t, r.SubmittedAt), ReportId: r.ID, ProgressPercent: int32(r.ProgressPercent),
		Final: r.Final, SubmittedBy: r.AuthorUserID, SubmittedAt: r.SubmittedAt.Format(time.RFC3339Nano),
		ReplyDocumentId: r.ReplyDocumentID, RequestId: requestID}
	if normal(t) {
		p.Summary, p.Result = r.Summary, r.Result
	}
	return a.emit(ctx, w, events.TaskReportSubmitted, t.ID, p)
}
