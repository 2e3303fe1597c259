// Package events applies the events the documents service consumes to its
// read models.
package events

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// Group is the consumer group of the documents service.
const Group = "documents"

// Topics the documents service consumes.
var Topics = []string{events.TopicIdentity, events.TopicTasks}

// Handlers maps the consumed event types to their handlers.
func Handlers(st *store.Store) map[string]messaging.Handler {
	u, p := &units{st: st}, &users{st: st}
	hs := map[string]messaging.Handler{
		events.UnitCreated: u.created,
		events.UnitUpdated: u.updated,
		events.UserCreated: p.created,
		events.UserUpdated: p.updated,
	}
	for short, h := range (&tasks{st: st}).handlers() {
		hs[short] = h
	}
	return hs
}

type units struct{ st *store.Store }

// created adds the unit unless the directory has it already (a request may
// have fetched it from identity first, maybe in a newer state).
func (h *units) created(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var p eventsv1.UnitCreated
	if err := ev.Decode(&p); err != nil {
		return messaging.Permanent(err)
	}
	u, err := h.unit(ctx, tx, unitFields{p.UnitId, p.ParentId, p.Kind, p.Code, p.Name, p.ShortName, p.AgencyId, p.Active})
	if err != nil {
		return err
	}
	return h.st.InsertUnitIfAbsent(ctx, tx, u)
}

// updated carries the whole unit as it now is.
func (h *units) updated(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var p eventsv1.UnitUpdated
	if err := ev.Decode(&p); err != nil {
		return messaging.Permanent(err)
	}
	u, err := h.unit(ctx, tx, unitFields{p.UnitId, p.ParentId, p.Kind, p.Code, p.Name, p.ShortName, p.AgencyId, p.Active})
	if err != nil {
		return err
	}
	return h.st.UpsertUnit(ctx, tx, u)
}

type unitFields struct {
	id, parent, kind, code, name, short, agency string
	active                                      bool
}

func (h *units) unit(ctx context.Context, tx *pkgstore.Tx, f unitFields) (domain.Unit, error) {
	u := domain.Unit{ID: f.id, ParentID: f.parent, Kind: domain.UnitKind(f.kind), Code: f.code, Name: f.name,
		ShortName: f.short, AgencyID: f.agency, Active: f.active}
	if u.ID == "" || (u.Kind != domain.UnitAgency && u.Kind != domain.UnitDivision) {
		return u, messaging.Permanent(fmt.Errorf("unit event with id %q and kind %q", u.ID, u.Kind))
	}
	if u.IsAgency() {
		u.AgencyID = u.ID
	}
	if u.AgencyID == "" {
		// Older producers may leave the agency out: take the parent's. If
		// the parent has not arrived yet, retry rather than guess.
		parent, err := h.st.Unit(ctx, tx, u.ParentID)
		if err != nil {
			return u, fmt.Errorf("agency of unit %s: %w", u.ID, err)
		}
		u.AgencyID = parent.AgencyID
	}
	return u, nil
}
