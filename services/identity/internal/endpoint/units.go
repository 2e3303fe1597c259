package endpoint

import (
	"context"

	kitendpoint "github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/httpx"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// UnitView shows u.
func UnitView(u domain.Unit) identityapi.Unit {
	return identityapi.Unit{
		ID:        u.ID,
		Kind:      string(u.Kind),
		Code:      identityapi.Optional(u.Code),
		Name:      u.Name,
		ShortName: u.ShortName,
		ParentID:  identityapi.Optional(u.ParentID),
		AgencyID:  u.AgencyID,
		Active:    u.Active,
		CreatedAt: u.CreatedAt,

		PlaceName:      identityapi.Optional(u.PlaceName),
		Regime:         identityapi.Optional(u.Regime),
		HeadTitle:      identityapi.Optional(u.HeadTitle),
		CollectiveName: identityapi.Optional(u.CollectiveName),
	}
}

func makeCreateUnit(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		u, err := s.CreateUnit(ctx, domain.UnitInput(request.(identityapi.NewUnit)))
		if err != nil {
			return nil, err
		}
		return httpx.Created[identityapi.Unit]{V: UnitView(u)}, nil
	}
}

// ListRequest is a page of a list.
type ListRequest struct {
	Page app.Page
}

func makeListUnits(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ListRequest)
		l, err := s.Units(ctx, req.Page)
		if err != nil {
			return nil, err
		}
		return listView(l, UnitView), nil
	}
}

// GetUnitRequest names one unit.
type GetUnitRequest struct {
	ID string
}

func makeGetUnit(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		u, up, err := s.UnitWithAncestors(ctx, request.(GetUnitRequest).ID)
		if err != nil {
			return nil, err
		}
		d := identityapi.UnitDetail{Unit: UnitView(u), Ancestors: make([]identityapi.Unit, 0, len(up))}
		for _, a := range up {
			d.Ancestors = append(d.Ancestors, UnitView(a))
		}
		return d, nil
	}
}

func listView[T, V any](l app.List[T], view func(T) V) client.Page[V] {
	out := client.Page[V]{Items: make([]V, 0, len(l.Items))}
	for _, x := range l.Items {
		out.Items = append(out.Items, view(x))
	}
	if l.Next != nil {
		out.NextCursor = httpx.EncodeCursor(l.Next...)
	}
	return out
}
