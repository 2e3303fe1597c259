package identityview_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// Each write of the read model is seen by the next read, cached or not.
func TestReadsSeeEachCommittedWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		ctx := context.Background()
		mustDeliver(t, db, events.UnitCreated, "u1", t0, &eventsv1.UnitCreated{UnitId: "ubnd", Kind: "agency", Name: "UBND", Active: true})
		mustDeliver(t, db, events.UnitCreated, "u2", t0, &eventsv1.UnitCreated{UnitId: "vp", ParentId: "ubnd", Kind: "division", Name: "Văn phòng", Active: true})
		mustDeliver(t, db, events.UserCreated, "p1", t0, &eventsv1.UserCreated{UserId: "ld", FullName: "Lãnh đạo", UnitId: "vp", AgencyId: "ubnd", Roles: []string{"leader"}, Active: true})
		leaders := func() []string {
			ps, err := identityview.ActiveInUnitWithRole(ctx, db, "vp", "leader")
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, p := range ps {
				names = append(names, p.FullName)
			}
			return names
		}
		for i, step := range []struct {
			name      string
			short     string
			msg       proto.Message
			unitName  string
			leaderSet []string
		}{
			{"as created", "", nil, "Văn phòng", []string{"Lãnh đạo"}},
			{"unit renamed", events.UnitUpdated, &eventsv1.UnitUpdated{UnitId: "vp", ParentId: "ubnd", Kind: "division", Name: "Văn phòng UBND", Active: true}, "Văn phòng UBND", []string{"Lãnh đạo"}},
			{"leader renamed", events.UserUpdated, &eventsv1.UserUpdated{UserId: "ld", FullName: "Nguyễn Lãnh Đạo", UnitId: "vp", AgencyId: "ubnd", Roles: []string{"leader"}, Active: true}, "Văn phòng UBND", []string{"Nguyễn Lãnh Đạo"}},
			{"second leader", events.UserCreated, &eventsv1.UserCreated{UserId: "pd", FullName: "Phó", UnitId: "vp", AgencyId: "ubnd", Roles: []string{"leader"}, Active: true}, "Văn phòng UBND", []string{"Nguyễn Lãnh Đạo", "Phó"}},
			{"leader deactivated", events.UserDeactivated, &eventsv1.UserDeactivated{UserId: "ld", UnitId: "vp"}, "Văn phòng UBND", []string{"Phó"}},
		} {
			if step.short != "" {
				mustDeliver(t, db, step.short, step.name, t0.Add(time.Duration(i+1)*time.Second), step.msg)
			}
			for range 2 { // the second read is the cached one
				if got := unit(t, db, "vp").Name; got != step.unitName {
					t.Errorf("%s: unit name %q, want %q", step.name, got, step.unitName)
				}
				if got := leaders(); !slices.Equal(got, step.leaderSet) {
					t.Errorf("%s: leaders %v, want %v", step.name, got, step.leaderSet)
				}
			}
		}
	})
}

// What a transaction wrote and then rolled back is never answered later.
func TestRolledBackWritesAreNotKept(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		ctx := context.Background()
		mustDeliver(t, db, events.UnitCreated, "u1", t0, &eventsv1.UnitCreated{UnitId: "ubnd", Kind: "agency", Name: "UBND", Active: true})
		unit(t, db, "ubnd") // cached where there is a cache
		undo := errors.New("undo")
		err := db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			if _, err := identityview.PutUnit(ctx, tx, identityview.Unit{ID: "ubnd", Kind: "agency", Name: "Đổi tên"}, identityview.Version{Time: t0.Add(1), EventID: "x"}); err != nil {
				return err
			}
			if _, err := identityview.PutUnit(ctx, tx, identityview.Unit{ID: "new", ParentID: "ubnd", Kind: "division", Name: "Mới"}, identityview.Version{Time: t0, EventID: "y"}); err != nil {
				return err
			}
			// The transaction finds the unit it wrote, not yet committed.
			u, err := identityview.GetUnit(ctx, tx, "new")
			if err != nil || u.Name != "Mới" || u.AgencyID != "ubnd" {
				t.Errorf("inside the transaction: %+v, %v", u, err)
			}
			return undo
		})
		if !errors.Is(err, undo) {
			t.Fatal(err)
		}
		if got := unit(t, db, "ubnd").Name; got != "UBND" {
			t.Errorf("after the rollback the unit is named %q", got)
		}
		if _, err := identityview.GetUnit(ctx, db, "new"); !errors.Is(err, identityview.ErrNotFound) {
			t.Errorf("a unit only a rolled back transaction wrote: %v, want ErrNotFound", err)
		}
	})
}

// Callers may change what they are given without changing the next answer.
func TestAnswersAreCopies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		ctx := context.Background()
		mustDeliver(t, db, events.UnitCreated, "u1", t0, &eventsv1.UnitCreated{UnitId: "ubnd", Kind: "agency", Name: "UBND", Active: true})
		mustDeliver(t, db, events.UserCreated, "p1", t0, &eventsv1.UserCreated{UserId: "ld", FullName: "Lãnh đạo", UnitId: "ubnd", AgencyId: "ubnd", Roles: []string{"leader"}, Active: true})
		for range 2 {
			ps, err := identityview.ActiveInUnitWithRole(ctx, db, "ubnd", "leader")
			if err != nil || len(ps) != 1 || ps[0].FullName != "Lãnh đạo" || len(ps[0].Roles) != 1 || ps[0].Roles[0] != "leader" {
				t.Fatalf("leaders: %+v, %v", ps, err)
			}
			ps[0].FullName, ps[0].Roles[0] = "đã sửa", "đã sửa"
		}
	})
}

// A PostgreSQL database may be shared by replicas: what another handle
// commits is seen at once, so nothing is cached there.
func TestPostgresReadsAreNotCached(t *testing.T) {
	dsn := storetest.NewPostgresDSN(t)
	a, b := storetest.Open(t, dsn), storetest.Open(t, dsn)
	setup(t, a)
	mustDeliver(t, a, events.UnitCreated, "u1", t0, &eventsv1.UnitCreated{UnitId: "ubnd", Kind: "agency", Name: "UBND", Active: true})
	if got := unit(t, a, "ubnd").Name; got != "UBND" {
		t.Fatalf("name %q", got)
	}
	mustDeliver(t, b, events.UnitUpdated, "u2", t0.Add(1), &eventsv1.UnitUpdated{UnitId: "ubnd", Kind: "agency", Name: "UBND tỉnh", Active: true})
	if got := unit(t, a, "ubnd").Name; got != "UBND tỉnh" {
		t.Errorf("replica a reads %q after replica b's rename", got)
	}
}
