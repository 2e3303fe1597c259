package app

import (
	"context"
	"errors"
	"fmt"
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
		if ok, err := a.fileReportAsRead(ctx, w, s.t, r, s.v); ok || err != nil {
			return r.ID, err
		}
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

// fileReportAsRead is fileReport on was, the task as read before the
// transaction, sparing a second read of it (a twelfth of the service's
// CPU per report): the update's version check tells whether was is still
// the stored task, and it is the first write. When it is not, or was
// refuses the report, nothing is written and ok is false: the caller
// reads the task in the transaction and files as usual. A report linked
// to a reply may exist already (AddReport writes nothing then): those
// always go the usual way.
func (a *App) fileReportAsRead(ctx context.Context, w Writes, was domain.Task, r domain.Report, v domain.Viewer) (ok bool, err error) {
	if r.ReplyDocumentID != "" {
		return false, nil
	}
	t, err := was.SubmitReport(r, r.SubmittedAt)
	if err != nil {
		return false, nil
	}
	if err := w.Tasks.UpdateTask(ctx, was, t); errors.Is(err, apperr.ErrConflict) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	created, err := w.Reports.AddReport(ctx, r)
	if err == nil && !created {
		err = fmt.Errorf("report %s exists already", r.ID)
	}
	if err != nil {
		return true, err
	}
	return true, a.reported(ctx, w, was.Status, t, r, v, "")
}

// fileReport writes r on t with the status move, history and event
// through w.
func (a *App) fileReport(ctx context.Context, w Writes, t domain.Task, r domain.Report, v domain.Viewer, eventID string) error {
	was := t
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
	return a.reported(ctx, w, was.Status, t, r, v, eventID)
}

// reported writes what follows a report filed on t (moved from status
// from): the request it answers, history and event.
func (a *App) reported(ctx context.Context, w Writes, from domain.Status, t domain.Task, r domain.Report, v domain.Viewer, eventID string) error {
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
