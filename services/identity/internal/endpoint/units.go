package endpoint

import (
	"context"
	"time"

	kitendpoint "github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/httpx"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
)

// Unit is a unit as the API shows it.
type Unit struct {
	ID        string    `json:"id"`
	Kind      string    `json:"kind"`
	Code      *string   `json:"code"`
	Name      string    `json:"name"`
	ShortName string    `json:"short_name"`
	ParentID  *string   `json:"parent_id"`
	AgencyID  string    `json:"agency_id"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
}

// UnitView shows u.
func UnitView(u domain.Unit) Unit {
	return Unit{
		ID:        u.ID,
		Kind:      string(u.Kind),
		Code:      optional(u.Code),
		Name:      u.Name,
		ShortName: u.ShortName,
		ParentID:  optional(u.ParentID),
		AgencyID:  u.AgencyID,
		Active:    u.Active,
		CreatedAt: u.CreatedAt,
	}
}

// CreateUnitRequest is the body of POST /v1/units.
type CreateUnitRequest struct {
	Kind      string `json:"kind"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	ParentID  string `json:"parent_id"`
}

func makeCreateUnit(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(CreateUnitRequest)
		u, err := s.CreateUnit(ctx, domain.UnitInput(req))
		if err != nil {
			return nil, err
		}
		return httpx.Created[Unit]{V: UnitView(u)}, nil
	}
}

// ListRequest is a page of a list.
type ListRequest struct {
	Page store.Page
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

// UnitDetail is one unit with the units above it, the root first, so a
// client can show "UBND tỉnh › Sở TT&TT › Văn phòng" in one call.
type UnitDetail struct {
	Unit
	Ancestors []Unit `json:"ancestors"`
}

func makeGetUnit(s app.Service) kitendpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		u, up, err := s.UnitWithAncestors(ctx, request.(GetUnitRequest).ID)
		if err != nil {
			return nil, err
		}
		d := UnitDetail{Unit: UnitView(u), Ancestors: make([]Unit, 0, len(up))}
		for _, a := range up {
			d.Ancestors = append(d.Ancestors, UnitView(a))
		}
		return d, nil
	}
}

func listView[T, V any](l store.List[T], view func(T) V) httpx.List[V] {
	out := httpx.List[V]{Items: make([]V, 0, len(l.Items))}
	for _, x := range l.Items {
		out.Items = append(out.Items, view(x))
	}
	if l.Next != nil {
		out.NextCursor = httpx.EncodeCursor(l.Next...)
	}
	return out
}

// optional is null in JSON for an empty value.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
