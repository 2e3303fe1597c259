package events

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// UnitCreated records a new unit in the tree.
func (h Handlers) UnitCreated(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var p eventsv1.UnitCreated
	if err := ev.Decode(&p); err != nil {
		return permanent(err)
	}
	return permanent(h.uc.RecordUnit(ctx, tx, domain.Unit{
		ID: p.UnitId, ParentID: p.ParentId, Kind: domain.UnitKind(p.Kind), AgencyID: p.AgencyId,
		Code: p.Code, ShortName: p.ShortName, Name: p.Name, Active: p.Active,
	}))
}

// UnitUpdated replaces a unit of the tree (the event carries all of it).
func (h Handlers) UnitUpdated(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var p eventsv1.UnitUpdated
	if err := ev.Decode(&p); err != nil {
		return permanent(err)
	}
	return permanent(h.uc.RecordUnit(ctx, tx, domain.Unit{
		ID: p.UnitId, ParentID: p.ParentId, Kind: domain.UnitKind(p.Kind), AgencyID: p.AgencyId,
		Code: p.Code, ShortName: p.ShortName, Name: p.Name, Active: p.Active,
	}))
}
