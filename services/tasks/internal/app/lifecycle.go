package app

import (
	"context"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// subject is a task as one caller meets it: who they are and where the
// task's units sit.
type subject struct {
	v     domain.Viewer
	t     domain.Task
	place domain.Place
}

// load reads a task for a state change by the caller: a task they may not
// see does not exist (404).
func (a *App) load(ctx context.Context, id string) (subject, error) {
	v, err := viewer(ctx)
	if err != nil {
		return subject{}, err
	}
	t, err := a.tasks.Task(ctx, id)
	if err != nil {
		return subject{}, err
	}
	p, err := a.place(ctx, v, t)
	if err != nil {
		return subject{}, err
	}
	if !p.Sees(v) && !domain.IsNamed(v, t) {
		return subject{}, apperr.NotFound("task")
	}
	return subject{v: v, t: t, place: p}, nil
}

func (a *App) place(ctx context.Context, v domain.Viewer, t domain.Task) (domain.Place, error) {
	var p domain.Place
	var err error
	if p.AssignerAgency, err = a.agencyOf(ctx, v, t.AssignerUnitID); err != nil {
		return p, err
	}
	if p.AssigneeAgency, err = a.agencyOf(ctx, v, t.AssigneeUnitID); err != nil {
		return p, err
	}
	if p.AssigneeAgency != "" {
		if p.AssigneeChain, err = a.tasks.AssigneeChain(ctx, t.AssigneeUnitID, p.AssigneeAgency); err != nil {
			return p, err
		}
	}
	return p, nil
}

// ref is what every task event says of the task, its class read at now.
func ref(t domain.Task, now time.Time) *eventsv1.TaskRef {
	return &eventsv1.TaskRef{
		TaskId: t.ID, SourceDocumentId: t.SourceDocumentID, PlanItemId: t.PlanItemID, ParentTaskId: t.ParentTaskID,
		AssignerUnitId: t.AssignerUnitID, AssigneeUnitId: t.AssigneeUnitID, Role: string(t.Role), Title: t.Title,
		DueDate: t.DueDate.String(), Urgency: string(t.Urgency), SourceNotation: t.SourceNotation,
		Status: string(t.Status), Class: string(t.Class(now)), Confidentiality: t.Confidentiality,
		AssigneeUserId: t.AssigneeUserID, SourceKind: t.SourceKind,
	}
}

// normal reports whether free text of the task may travel in events.
func normal(t domain.Task) bool { return t.Confidentiality == "" || t.Confidentiality == "normal" }

// emit writes one event about a task (keyed by the task id) through w.
func (a *App) emit(ctx context.Context, w Writes, short, taskID string, p proto.Message) error {
	ev, err := envelope.New(ctx, a.source, short, taskID, p)
	if err != nil {
		return err
	}
	return w.Events.Add(ctx, ev)
}

// record appends h (its action and what it was about) to t's history, done
// by v at t's last update, from status from to t's status.
func (a *App) record(ctx context.Context, w Writes, t domain.Task, v domain.Viewer, from domain.Status, h domain.HistoryEntry) error {
	h.TaskID, h.ActorUserID, h.ActorUnitID, h.At, h.FromStatus, h.ToStatus = t.ID, v.UserID, v.UnitID, t.UpdatedAt, from, t.Status
	return w.Tasks.AddHistory(ctx, h)
}
