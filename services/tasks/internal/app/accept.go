package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// Accept moves an assigned task to in_progress, for a member of the
// assignee unit or a leader above it in its agency.
func (a *App) Accept(ctx context.Context, id string) (TaskView, error) {
	s, err := a.load(ctx, id)
	if err != nil {
		return TaskView{}, err
	}
	if !s.place.MayAccept(s.v, s.t) {
		return TaskView{}, apperr.Forbidden("only the assignee unit or a leader above it accepts a task")
	}
	now := a.now()
	var t domain.Task
	err = a.tasks.Update(ctx, id, func(ctx context.Context, cur *domain.Task, w Writes) error {
		from := cur.Status
		next, err := cur.Accept(now)
		if err != nil {
			return err
		}
		*cur, t = next, next
		if err := a.record(ctx, w, t, s.v, from, domain.HistoryEntry{Action: domain.ActionAccepted}); err != nil {
			return err
		}
		return a.emit(ctx, w, events.TaskAccepted, t.ID, &eventsv1.TaskAccepted{Task: ref(t, now), AcceptedBy: s.v.UserID})
	})
	if err != nil {
		return TaskView{}, err
	}
	return a.view(t, now), nil
}
