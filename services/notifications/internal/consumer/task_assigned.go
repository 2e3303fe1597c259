package consumer

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
)

// TaskAssigned notifies the assignee unit's leaders. While the directory
// lags it returns app.ErrRecipientsNotYetKnown, which the consumer retries.
func (h *Handlers) TaskAssigned(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.TaskAssigned
	if err := decode(ev, &m); err != nil {
		return err
	}
	if m.GetTaskId() == "" || m.GetAssigneeUnitId() == "" {
		return messaging.Permanent(errors.New("task.assigned without task or assignee unit id"))
	}
	return h.notifier.TaskAssigned(ctx, h.bind(tx), app.Event{ID: ev.ID, Time: ev.Time}, app.TaskAssigned{
		TaskID:         m.GetTaskId(),
		Title:          m.GetTitle(),
		AssigneeUnitID: m.GetAssigneeUnitId(),
		Role:           m.GetRole(),
		DueDate:        m.GetDueDate(),
		Urgency:        m.GetUrgency(),
		SourceNotation: m.GetSourceNotation(),
		AssigneeUserID: m.GetAssigneeUserId(),
	})
}
