package identityview

import (
	"context"
	"errors"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// Handlers are the consumer handlers of identity's unit.* and user.*
// events, by short type, to merge into a service's consumer.
func Handlers() map[string]messaging.Handler {
	return map[string]messaging.Handler{
		events.UnitCreated:     handle(func() wholeUnit { return &eventsv1.UnitCreated{} }, putUnit),
		events.UnitUpdated:     handle(func() wholeUnit { return &eventsv1.UnitUpdated{} }, putUnit),
		events.UserCreated:     handle(func() wholeUser { return &eventsv1.UserCreated{} }, putPerson),
		events.UserUpdated:     handle(func() wholeUser { return &eventsv1.UserUpdated{} }, putPerson),
		events.UserDeactivated: handle(func() *eventsv1.UserDeactivated { return &eventsv1.UserDeactivated{} }, deactivatePerson),
	}
}

// ClientHandlers are the consumer handlers of identity's client.* events,
// for a service that keeps integration clients.
func ClientHandlers() map[string]messaging.Handler {
	return map[string]messaging.Handler{
		events.ClientCreated:     handle(func() wholeClient { return &eventsv1.ClientCreated{} }, putClient),
		events.ClientUpdated:     handle(func() wholeClient { return &eventsv1.ClientUpdated{} }, putClient),
		events.ClientDeactivated: handle(func() *eventsv1.ClientDeactivated { return &eventsv1.ClientDeactivated{} }, deactivateClient),
	}
}

// handle decodes an event into a new M and applies it as of the event's
// version; a malformed event or an invalid record is permanent
// (dead-lettered), anything else is retried.
func handle[M proto.Message](newMsg func() M, apply func(context.Context, *store.Tx, M, Version) error) messaging.Handler {
	return func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
		m := newMsg()
		if err := ev.Decode(m); err != nil {
			return messaging.Permanent(err)
		}
		err := apply(ctx, tx, m, Version{Time: ev.Time, EventID: ev.ID})
		if errors.Is(err, ErrInvalid) {
			return messaging.Permanent(err)
		}
		return err
	}
}

// wholeUnit is what unit.created and unit.updated both carry: all of the
// unit as it now is (and so on for users and clients).
type wholeUnit interface {
	proto.Message
	GetUnitId() string
	GetParentId() string
	GetKind() string
	GetAgencyId() string
	GetCode() string
	GetName() string
	GetShortName() string
	GetActive() bool
	GetPlaceName() string
	GetRegime() string
	GetHeadTitle() string
	GetCollectiveName() string
}

type wholeUser interface {
	proto.Message
	GetUserId() string
	GetUsername() string
	GetFullName() string
	GetEmail() string
	GetUnitId() string
	GetAgencyId() string
	GetTitle() string
	GetPosition() string
	GetRoles() []string
	GetActive() bool
}

type wholeClient interface {
	proto.Message
	GetClientId() string
	GetName() string
	GetScopes() []string
	GetAgencyId() string
	GetActive() bool
}

func putUnit(ctx context.Context, tx *store.Tx, m wholeUnit, v Version) error {
	_, err := PutUnit(ctx, tx, Unit{ID: m.GetUnitId(), ParentID: m.GetParentId(), Kind: m.GetKind(), AgencyID: m.GetAgencyId(),
		Code: m.GetCode(), Name: m.GetName(), ShortName: m.GetShortName(), Active: m.GetActive(),
		PlaceName: m.GetPlaceName(), Regime: m.GetRegime(), HeadTitle: m.GetHeadTitle(), CollectiveName: m.GetCollectiveName()}, v)
	return err
}

func putPerson(ctx context.Context, tx *store.Tx, m wholeUser, v Version) error {
	_, err := PutPerson(ctx, tx, Person{ID: m.GetUserId(), Username: m.GetUsername(), FullName: m.GetFullName(), Email: m.GetEmail(),
		UnitID: m.GetUnitId(), AgencyID: m.GetAgencyId(), Title: m.GetTitle(), Position: m.GetPosition(), Roles: m.GetRoles(),
		Active: m.GetActive()}, v)
	return err
}

func deactivatePerson(ctx context.Context, tx *store.Tx, m *eventsv1.UserDeactivated, v Version) error {
	return DeactivatePerson(ctx, tx, m.GetUserId(), m.GetUnitId(), v)
}

func putClient(ctx context.Context, tx *store.Tx, m wholeClient, v Version) error {
	_, err := PutClient(ctx, tx, Client{ID: m.GetClientId(), Name: m.GetName(), Scopes: m.GetScopes(),
		AgencyID: m.GetAgencyId(), Active: m.GetActive()}, v)
	return err
}

func deactivateClient(ctx context.Context, tx *store.Tx, m *eventsv1.ClientDeactivated, v Version) error {
	return DeactivateClient(ctx, tx, m.GetClientId(), v)
}
