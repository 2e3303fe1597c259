package events

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// errNoID marks an identity event naming no unit or user: nothing to apply.
var errNoID = errors.New("event names no id")

// UnitCreated records a new unit in the directory.
func (h *Handlers) UnitCreated(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var m eventsv1.UnitCreated
	if err := decode(ev, &m); err != nil {
		return err
	}
	return h.upsertUnit(ctx, tx, ev, domain.Unit{
		ID: m.GetUnitId(), ParentID: m.GetParentId(), Kind: m.GetKind(), AgencyID: m.GetAgencyId(),
		Name: m.GetName(), ShortName: m.GetShortName(), Active: m.GetActive(),
	})
}

// UnitUpdated replaces the directory's copy of a unit.
func (h *Handlers) UnitUpdated(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var m eventsv1.UnitUpdated
	if err := decode(ev, &m); err != nil {
		return err
	}
	return h.upsertUnit(ctx, tx, ev, domain.Unit{
		ID: m.GetUnitId(), ParentID: m.GetParentId(), Kind: m.GetKind(), AgencyID: m.GetAgencyId(),
		Name: m.GetName(), ShortName: m.GetShortName(), Active: m.GetActive(),
	})
}

func (h *Handlers) upsertUnit(ctx context.Context, tx *store.Tx, ev envelope.Event, u domain.Unit) error {
	if u.ID == "" {
		return messaging.Permanent(errNoID)
	}
	return h.store.UpsertUnit(ctx, tx, u, ev.Time)
}

// UserCreated records a new person in the directory.
func (h *Handlers) UserCreated(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var m eventsv1.UserCreated
	if err := decode(ev, &m); err != nil {
		return err
	}
	return h.upsertPerson(ctx, tx, ev, domain.Person{
		ID: m.GetUserId(), Username: m.GetUsername(), FullName: m.GetFullName(), Email: m.GetEmail(),
		UnitID: m.GetUnitId(), AgencyID: m.GetAgencyId(), Roles: m.GetRoles(), Title: m.GetTitle(), Active: m.GetActive(),
	})
}

// UserUpdated replaces the directory's copy of a person.
func (h *Handlers) UserUpdated(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var m eventsv1.UserUpdated
	if err := decode(ev, &m); err != nil {
		return err
	}
	return h.upsertPerson(ctx, tx, ev, domain.Person{
		ID: m.GetUserId(), Username: m.GetUsername(), FullName: m.GetFullName(), Email: m.GetEmail(),
		UnitID: m.GetUnitId(), AgencyID: m.GetAgencyId(), Roles: m.GetRoles(), Title: m.GetTitle(), Active: m.GetActive(),
	})
}

func (h *Handlers) upsertPerson(ctx context.Context, tx *store.Tx, ev envelope.Event, p domain.Person) error {
	if p.ID == "" {
		return messaging.Permanent(errNoID)
	}
	return h.store.UpsertPerson(ctx, tx, p, ev.Time)
}

// UserDeactivated makes a person unreachable: they are told nothing more.
func (h *Handlers) UserDeactivated(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var m eventsv1.UserDeactivated
	if err := decode(ev, &m); err != nil {
		return err
	}
	if m.GetUserId() == "" {
		return messaging.Permanent(errNoID)
	}
	return h.store.DeactivatePerson(ctx, tx, m.GetUserId(), m.GetUnitId(), ev.Time)
}

// ClientCreated records an integration client: what its webhooks may
// receive follows its scopes, agency and state.
func (h *Handlers) ClientCreated(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var m eventsv1.ClientCreated
	if err := decode(ev, &m); err != nil {
		return err
	}
	return h.upsertClient(ctx, tx, ev, domain.Client{ID: m.GetClientId(), Name: m.GetName(),
		Scopes: m.GetScopes(), AgencyID: m.GetAgencyId(), Active: m.GetActive()})
}

// ClientUpdated replaces the directory's copy of a client.
func (h *Handlers) ClientUpdated(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var m eventsv1.ClientUpdated
	if err := decode(ev, &m); err != nil {
		return err
	}
	return h.upsertClient(ctx, tx, ev, domain.Client{ID: m.GetClientId(), Name: m.GetName(),
		Scopes: m.GetScopes(), AgencyID: m.GetAgencyId(), Active: m.GetActive()})
}

func (h *Handlers) upsertClient(ctx context.Context, tx *store.Tx, ev envelope.Event, c domain.Client) error {
	if c.ID == "" {
		return messaging.Permanent(errNoID)
	}
	return h.store.UpsertClient(ctx, tx, c, ev.Time)
}

// ClientDeactivated stops a client's webhooks from receiving anything.
func (h *Handlers) ClientDeactivated(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var m eventsv1.ClientDeactivated
	if err := decode(ev, &m); err != nil {
		return err
	}
	if m.GetClientId() == "" {
		return messaging.Permanent(errNoID)
	}
	return h.store.DeactivateClient(ctx, tx, m.GetClientId(), ev.Time)
}
