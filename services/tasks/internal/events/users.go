package events

import (
	"context"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// wholeUser is what user.created and user.updated both carry: all of the
// user as it now is.
type wholeUser interface {
	proto.Message
	GetUserId() string
	GetUnitId() string
	GetAgencyId() string
	GetFullName() string
	GetActive() bool
}

// UserCreated records a new person (a task may be delegated to them).
func (h Handlers) UserCreated(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	return h.recordUser(ctx, tx, ev, &eventsv1.UserCreated{})
}

// UserUpdated replaces a person: a move to another unit or a deactivation
// changes whom a task may name.
func (h Handlers) UserUpdated(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	return h.recordUser(ctx, tx, ev, &eventsv1.UserUpdated{})
}

func (h Handlers) recordUser(ctx context.Context, tx *store.Tx, ev envelope.Event, p wholeUser) error {
	if err := ev.Decode(p); err != nil {
		return permanent(err)
	}
	return permanent(h.uc.RecordUser(ctx, tx, domain.User{
		ID: p.GetUserId(), UnitID: p.GetUnitId(), AgencyID: p.GetAgencyId(), FullName: p.GetFullName(), Active: p.GetActive(),
	}, ev.Time))
}

// UserDeactivated marks a person as no longer assignable.
func (h Handlers) UserDeactivated(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var p eventsv1.UserDeactivated
	if err := ev.Decode(&p); err != nil {
		return permanent(err)
	}
	return permanent(h.uc.DeactivateUser(ctx, tx, p.UserId, p.UnitId, ev.Time))
}
