package identityview

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"google.golang.org/protobuf/proto"
)

// Handlers are the consumer handlers of identity's unit.* and user.*
// events, by short type, to merge into a service's consumer.
func Handlers() map[string]messaging.Handler {
	return map[string]messaging.Handler{
		events.UnitCreated: func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
			var m eventsv1.UnitCreated
			return apply(ev, &m, func() error {
				_, err := PutUnit(ctx, tx, Unit{ID: m.UnitId, ParentID: m.ParentId, Kind: m.Kind, AgencyID: m.AgencyId,
					Code: m.Code, Name: m.Name, ShortName: m.ShortName, Active: m.Active}, versionOf(ev))
				return err
			})
		},
		events.UnitUpdated: func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
			var m eventsv1.UnitUpdated
			return apply(ev, &m, func() error {
				_, err := PutUnit(ctx, tx, Unit{ID: m.UnitId, ParentID: m.ParentId, Kind: m.Kind, AgencyID: m.AgencyId,
					Code: m.Code, Name: m.Name, ShortName: m.ShortName, Active: m.Active}, versionOf(ev))
				return err
			})
		},
		events.UserCreated: func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
			var m eventsv1.UserCreated
			return apply(ev, &m, func() error {
				_, err := PutPerson(ctx, tx, Person{ID: m.UserId, Username: m.Username, FullName: m.FullName, Email: m.Email,
					UnitID: m.UnitId, AgencyID: m.AgencyId, Title: m.Title, Roles: m.Roles, Active: m.Active}, versionOf(ev))
				return err
			})
		},
		events.UserUpdated: func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
			var m eventsv1.UserUpdated
			return apply(ev, &m, func() error {
				_, err := PutPerson(ctx, tx, Person{ID: m.UserId, Username: m.Username, FullName: m.FullName, Email: m.Email,
					UnitID: m.UnitId, AgencyID: m.AgencyId, Title: m.Title, Roles: m.Roles, Active: m.Active}, versionOf(ev))
				return err
			})
		},
		events.UserDeactivated: func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
			var m eventsv1.UserDeactivated
			return apply(ev, &m, func() error { return DeactivatePerson(ctx, tx, m.UserId, m.UnitId, versionOf(ev)) })
		},
	}
}

// ClientHandlers are the consumer handlers of identity's client.* events,
// for a service that keeps integration clients.
func ClientHandlers() map[string]messaging.Handler {
	return map[string]messaging.Handler{
		events.ClientCreated: func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
			var m eventsv1.ClientCreated
			return apply(ev, &m, func() error {
				_, err := PutClient(ctx, tx, Client{ID: m.ClientId, Name: m.Name, Scopes: m.Scopes, AgencyID: m.AgencyId,
					Active: m.Active}, versionOf(ev))
				return err
			})
		},
		events.ClientUpdated: func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
			var m eventsv1.ClientUpdated
			return apply(ev, &m, func() error {
				_, err := PutClient(ctx, tx, Client{ID: m.ClientId, Name: m.Name, Scopes: m.Scopes, AgencyID: m.AgencyId,
					Active: m.Active}, versionOf(ev))
				return err
			})
		},
		events.ClientDeactivated: func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
			var m eventsv1.ClientDeactivated
			return apply(ev, &m, func() error { return DeactivateClient(ctx, tx, m.ClientId, versionOf(ev)) })
		},
	}
}

// versionOf is the version an event records.
func versionOf(ev envelope.Event) Version { return Version{Time: ev.Time, EventID: ev.ID} }

// apply decodes ev into m and runs put; a malformed event or an invalid
// record is permanent (dead-lettered), anything else is retried.
func apply(ev envelope.Event, m proto.Message, put func() error) error {
	if err := ev.Decode(m); err != nil {
		return messaging.Permanent(err)
	}
	err := put()
	if errors.Is(err, ErrInvalid) {
		return messaging.Permanent(err)
	}
	return err
}
