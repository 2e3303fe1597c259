package consumer_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

func TestDirectoryHandlers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		at := func(s int) time.Time { return now.Add(time.Duration(s) * time.Second) }

		// Units: created, then renamed and deactivated.
		f.mustHandle(f.event(events.UnitCreated, "u1", at(0), &eventsv1.UnitCreated{
			UnitId: "u1", ParentId: "root", Kind: "division", AgencyId: "root", Name: "Văn phòng", ShortName: "VP", Active: true,
		}))
		f.mustHandle(f.event(events.UnitUpdated, "u1", at(1), &eventsv1.UnitUpdated{
			UnitId: "u1", ParentId: "root", Kind: "division", AgencyId: "root", Name: "Văn phòng Sở", ShortName: "VPS", Active: false,
		}))
		u, err := f.store.Unit(ctx, db, "u1")
		if err != nil {
			t.Fatal(err)
		}
		wantUnit := domain.Unit{ID: "u1", ParentID: "root", Kind: "division", AgencyID: "root", Name: "Văn phòng Sở", ShortName: "VPS"}
		if u != wantUnit {
			t.Fatalf("unit = %+v, want %+v", u, wantUnit)
		}

		leaders := func(unit string) []string {
			t.Helper()
			ps, err := f.store.ActiveWithRole(ctx, db, unit, domain.RoleLeader)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, p := range ps {
				ids = append(ids, p.ID)
			}
			return ids
		}
		steps := []struct {
			name string
			do   func()
			unit string
			want []string
		}{
			{"created leader", func() {
				f.mustHandle(f.event(events.UserCreated, "p1", at(0), &eventsv1.UserCreated{
					UserId: "p1", Username: "hung", FullName: "Trần Văn Hùng", Email: "hung@example.vn",
					UnitId: "u1", AgencyId: "root", Roles: []string{"leader"}, Title: "Chánh Văn phòng", Active: true,
				}))
			}, "u1", []string{"p1"}},
			{"moved to another unit", func() {
				f.mustHandle(f.event(events.UserUpdated, "p1", at(1), &eventsv1.UserUpdated{
					UserId: "p1", Username: "hung", FullName: "Trần Văn Hùng", Email: "hung@example.vn",
					UnitId: "u2", AgencyId: "root", Roles: []string{"leader"}, Title: "Giám đốc", Active: true,
				}))
			}, "u2", []string{"p1"}},
			{"no longer in the old unit", func() {}, "u1", nil},
			{"role removed", func() {
				f.mustHandle(f.event(events.UserUpdated, "p1", at(2), &eventsv1.UserUpdated{
					UserId: "p1", UnitId: "u2", Roles: []string{"specialist"}, Active: true,
				}))
			}, "u2", nil},
			{"role given back", func() {
				f.mustHandle(f.event(events.UserUpdated, "p1", at(3), &eventsv1.UserUpdated{
					UserId: "p1", UnitId: "u2", Roles: []string{"leader"}, Active: true,
				}))
			}, "u2", []string{"p1"}},
			{"deactivated", func() {
				f.mustHandle(f.event(events.UserDeactivated, "p1", at(4), &eventsv1.UserDeactivated{UserId: "p1", UnitId: "u2"}))
			}, "u2", nil},
			{"stale update replayed after deactivation", func() {
				f.mustHandle(f.event(events.UserUpdated, "p1", at(3), &eventsv1.UserUpdated{
					UserId: "p1", UnitId: "u2", Roles: []string{"leader"}, Active: true,
				}))
			}, "u2", nil},
		}
		for _, st := range steps {
			st.do()
			if got := leaders(st.unit); !slices.Equal(got, st.want) {
				t.Fatalf("%s: leaders of %s = %v, want %v", st.name, st.unit, got, st.want)
			}
		}
		p, err := f.store.Person(ctx, db, "p1")
		if err != nil {
			t.Fatal(err)
		}
		if p.Active || !slices.Equal(p.Roles, []string{"leader"}) || p.UnitID != "u2" {
			t.Fatalf("person = %+v", p)
		}
	})
}
