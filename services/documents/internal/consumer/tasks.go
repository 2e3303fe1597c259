package consumer

import (
	"context"
	"errors"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// tasks decodes the tasks service's events into the views of the task
// read model (app.TaskViews records them): which tasks a document gave
// rise to, their status, progress and class.
type tasks struct {
	views *app.TaskViews
	bind  func(*store.Tx) app.TaskWrites // the store bound to each event's transaction
}

func (h *tasks) handlers() map[string]messaging.Handler {
	// then, when set, runs after the read model's update with the payload
	// already decoded (decoding is most of a handler's CPU).
	refThen := func(short string, fill func(proto.Message, envelope.Event, *domain.TaskView) *eventsv1.TaskRef, newMsg func() proto.Message,
		then func(context.Context, *store.Tx, proto.Message, envelope.Event) error) messaging.Handler {
		return func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
			m := newMsg()
			if err := ev.Decode(m); err != nil {
				return messaging.Permanent(err)
			}
			var v domain.TaskView
			r := fill(m, ev, &v)
			if r == nil || r.TaskId == "" {
				return messaging.Permanent(errors.New(short + ": no task"))
			}
			v.TaskID, v.SourceDocumentID, v.PlanItemID, v.ParentTaskID = r.TaskId, r.SourceDocumentId, r.PlanItemId, r.ParentTaskId
			v.AssignerUnitID, v.AssigneeUnitID, v.Role, v.DueDate, v.Status = r.AssignerUnitId, r.AssigneeUnitId, r.Role, r.DueDate, r.Status
			var err error
			if short == events.TaskAccepted || short == events.TaskReportSubmitted {
				err = h.views.Began(ctx, h.bind(tx), v, ev.Time) // work on it began
			} else {
				err = h.views.Record(ctx, h.bind(tx), v, ev.Time)
			}
			if err != nil || then == nil {
				return err
			}
			return then(ctx, tx, m, ev)
		}
	}
	ref := func(short string, fill func(proto.Message, envelope.Event, *domain.TaskView) *eventsv1.TaskRef, newMsg func() proto.Message) messaging.Handler {
		return refThen(short, fill, newMsg, nil)
	}
	plain := func(m proto.Message, ev envelope.Event, v *domain.TaskView) *eventsv1.TaskRef {
		type hasTask interface{ GetTask() *eventsv1.TaskRef }
		return m.(hasTask).GetTask()
	}
	return map[string]messaging.Handler{
		events.TaskAssigned: h.assigned,
		events.TaskAccepted: ref(events.TaskAccepted, plain, func() proto.Message { return &eventsv1.TaskAccepted{} }),
		events.TaskReportSubmitted: refThen(events.TaskReportSubmitted, func(m proto.Message, ev envelope.Event, v *domain.TaskView) *eventsv1.TaskRef {
			p := m.(*eventsv1.TaskReportSubmitted)
			v.Progress, v.Reported, v.HasReport = int(p.ProgressPercent), true, true
			v.Summary, v.Result, v.ReportAt = p.Summary, p.Result, store.FormatTime(reportTime(p.SubmittedAt, ev.Time))
			return p.Task
		}, func() proto.Message { return &eventsv1.TaskReportSubmitted{} }, h.submitted),
		events.TaskReportRequested: h.requested,
		events.TaskReportReviewed:  ref(events.TaskReportReviewed, plain, func() proto.Message { return &eventsv1.TaskReportReviewed{} }),
		events.TaskCompleted: ref(events.TaskCompleted, func(m proto.Message, ev envelope.Event, v *domain.TaskView) *eventsv1.TaskRef {
			p := m.(*eventsv1.TaskCompleted)
			v.Class, v.Progress, v.HasReport, v.Reported = p.Class, 100, true, true
			if p.Task != nil && p.Task.Status == "" {
				p.Task.Status = "completed"
			}
			return p.Task
		}, func() proto.Message { return &eventsv1.TaskCompleted{} }),
		events.TaskCancelled: ref(events.TaskCancelled, func(m proto.Message, ev envelope.Event, v *domain.TaskView) *eventsv1.TaskRef {
			p := m.(*eventsv1.TaskCancelled)
			if p.Task != nil && p.Task.Status == "" {
				p.Task.Status = "cancelled"
			}
			return p.Task
		}, func() proto.Message { return &eventsv1.TaskCancelled{} }),
		events.TaskExtensionDecided: ref(events.TaskExtensionDecided, plain, func() proto.Message { return &eventsv1.TaskExtensionDecided{} }),
		events.TaskOverdue:          ref(events.TaskOverdue, plain, func() proto.Message { return &eventsv1.TaskOverdue{} }),
	}
}

func (h *tasks) assigned(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var p eventsv1.TaskAssigned
	if err := ev.Decode(&p); err != nil {
		return messaging.Permanent(err)
	}
	if p.TaskId == "" {
		return messaging.Permanent(errors.New("task.assigned: no task id"))
	}
	return h.views.Record(ctx, h.bind(tx), domain.TaskView{TaskID: p.TaskId, SourceDocumentID: p.SourceDocumentId,
		PlanItemID: p.PlanItemId, ParentTaskID: p.ParentTaskId, AssignerUnitID: p.AssignerUnitId,
		AssigneeUnitID: p.AssigneeUnitId, Role: p.Role, DueDate: p.DueDate, Status: "assigned"}, ev.Time)
}

// submitted applies task.report_submitted, once the task read model has
// it, to the task's periodic report requests: the report answers one.
func (h *tasks) submitted(ctx context.Context, tx *store.Tx, m proto.Message, ev envelope.Event) error {
	p := m.(*eventsv1.TaskReportSubmitted)
	return h.views.Answered(ctx, h.bind(tx), p.Task.GetTaskId(), p.RequestId, p.ReportId, reportTime(p.SubmittedAt, ev.Time))
}

// requested keeps a periodic report request (task.report_requested).
func (h *tasks) requested(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var p eventsv1.TaskReportRequested
	if err := ev.Decode(&p); err != nil {
		return messaging.Permanent(err)
	}
	r := p.GetTask()
	if r.GetTaskId() == "" || p.RequestId == "" || p.Period == "" {
		return messaging.Permanent(errors.New("task.report_requested: no task, request or period"))
	}
	return h.views.Requested(ctx, h.bind(tx), domain.ReportRequest{RequestID: p.RequestId, TaskID: r.TaskId,
		PlanDocumentID: r.SourceDocumentId, PlanItemID: r.PlanItemId, ParentTaskID: r.ParentTaskId,
		UnitID: r.AssigneeUnitId, Role: r.Role, Period: p.Period, PeriodStart: p.PeriodStart,
		PeriodEnd: p.PeriodEnd, DueDate: p.DueDate})
}

// reportTime is a report's submission time; the event's own time stands in
// if the producer left it out or garbled it (the outbox row is written in
// the submission's transaction).
func reportTime(submittedAt string, evTime time.Time) time.Time {
	if t, err := time.Parse(time.RFC3339Nano, submittedAt); err == nil {
		return t
	}
	return evTime
}
