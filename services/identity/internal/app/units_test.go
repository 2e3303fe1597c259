package app_test

import (
	"context"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

func TestCreateUnit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		admin := e.Admin(t)
		o := seed(t, e, admin)
		leader := testenv.As(o.leader)
		tests := []struct {
			name   string
			ctx    context.Context
			in     domain.UnitInput
			kind   error // nil: created
			fields []string
			agency string // "" → the new unit itself
		}{
			{"division of the department", admin, domain.UnitInput{Kind: "division", Name: "Phòng Bưu chính", ShortName: "BCVT", ParentID: o.dept.ID}, nil, nil, o.dept.ID},
			{"division of a division", admin, domain.UnitInput{Kind: "division", Name: "Tổ Hành chính", ShortName: "HC", ParentID: o.office.ID}, nil, nil, o.province.ID},
			{"same short name under another parent", admin, domain.UnitInput{Kind: "division", Name: "Văn phòng Sở", ShortName: "VP", ParentID: o.dept.ID}, nil, nil, o.dept.ID},
			{"root agency", admin, domain.UnitInput{Name: "Bưu điện tỉnh", ShortName: "BĐT"}, nil, nil, ""},
			{"not an admin", leader, domain.UnitInput{Name: "X", ShortName: "X"}, apperr.ErrForbidden, nil, ""},
			{"no caller", context.Background(), domain.UnitInput{Name: "X", ShortName: "X"}, apperr.ErrUnauthorized, nil, ""},
			{"unknown kind", admin, domain.UnitInput{Kind: "ministry", Name: "X", ShortName: "X"}, apperr.ErrInvalid, []string{"kind"}, ""},
			{"division without parent", admin, domain.UnitInput{Kind: "division", Name: "X", ShortName: "X"}, apperr.ErrInvalid, []string{"parent_id"}, ""},
			{"unknown parent", admin, domain.UnitInput{Kind: "division", Name: "X", ShortName: "X", ParentID: "no-such-unit"}, apperr.ErrInvalid, []string{"parent_id"}, ""},
			{"bad code", admin, domain.UnitInput{Name: "X", ShortName: "X", Code: "123"}, apperr.ErrInvalid, []string{"code"}, ""},
			{"sibling short name", admin, domain.UnitInput{Kind: "division", Name: "Văn phòng 2", ShortName: "VP", ParentID: o.province.ID}, apperr.ErrConflict, []string{"short_name"}, ""},
			{"root short name", admin, domain.UnitInput{Name: "UBND khác", ShortName: "UBND"}, apperr.ErrConflict, []string{"short_name"}, ""},
			{"code taken", admin, domain.UnitInput{Name: "X", ShortName: "X", Code: o.province.Code}, apperr.ErrConflict, []string{"code"}, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				units, events := e.Count(t, "units"), e.Count(t, "outbox")
				u, err := e.App.CreateUnit(tt.ctx, tt.in)
				if tt.kind != nil {
					wantKind(t, err, tt.kind, "")
					if got := fields(err); tt.fields != nil && (len(got) != 1 || got[0] != tt.fields[0]) {
						t.Fatalf("fields = %v, want %v", got, tt.fields)
					}
					if e.Count(t, "units") != units || e.Count(t, "outbox") != events {
						t.Fatal("a refused request changed something")
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				want := tt.agency
				if want == "" {
					want = u.ID
				}
				if u.AgencyID != want || u.ParentID != tt.in.ParentID || !u.Active || u.CreatedAt.IsZero() {
					t.Fatalf("unit = %+v, want agency %s", u, want)
				}
				if got, err := e.Store.Unit(context.Background(), u.ID); err != nil || got != u {
					t.Fatalf("stored %+v, %v; returned %+v", got, err, u)
				}
				evs := e.Events(t, "unit.created")
				last := evs[len(evs)-1]
				p := last.Payload.(*eventsv1.UnitCreated)
				if len(evs) != units+1 || last.Key != u.ID || last.Topic != "eoffice.identity.v1" || last.Source != "/eoffice/identity" ||
					p.UnitId != u.ID || p.AgencyId != u.AgencyID || p.ParentId != u.ParentID || p.ShortName != u.ShortName ||
					p.Kind != string(u.Kind) || !p.Active {
					t.Fatalf("event %+v %+v", last, p)
				}
			})
		}
	})
}

func TestReadUnits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		o := seed(t, e, e.Admin(t))
		clerk := testenv.As(o.clerk)
		l, err := e.App.Units(clerk, app.Page{Limit: 2})
		if err != nil || len(l.Items) != 2 || l.Items[0].ID != o.dept.ID || l.Next == nil {
			t.Fatalf("units page = %+v, %v", l, err)
		}
		u, err := e.App.Unit(clerk, o.office.ID)
		if err != nil || u != o.office {
			t.Fatalf("unit = %+v, %v", u, err)
		}
		_, err = e.App.Unit(clerk, "nope")
		wantKind(t, err, apperr.ErrNotFound, "")
		_, err = e.App.Units(context.Background(), app.Page{})
		wantKind(t, err, apperr.ErrUnauthorized, "")
	})
}
