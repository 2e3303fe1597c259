package identityview_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

var t0 = time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)

func setup(t *testing.T, db *store.DB) {
	t.Helper()
	for range 2 { // migrating again changes nothing
		if err := identityview.Migrate(context.Background(), db); err != nil {
			t.Fatal(err)
		}
	}
}

// deliver runs the package's handler of short on an event with id and
// time, as a consumer would, in its own transaction.
func deliver(t *testing.T, db *store.DB, short, id string, at time.Time, m proto.Message) error {
	t.Helper()
	ev, err := envelope.New(context.Background(), "/eoffice/identity", short, "", m)
	if err != nil {
		t.Fatal(err)
	}
	ev.ID, ev.Time = id, at
	h := identityview.Handlers()[short]
	if h == nil {
		h = identityview.ClientHandlers()[short]
	}
	return db.InTx(context.Background(), func(ctx context.Context, tx *store.Tx) error { return h(ctx, tx, ev) })
}

func mustDeliver(t *testing.T, db *store.DB, short, id string, at time.Time, m proto.Message) {
	t.Helper()
	if err := deliver(t, db, short, id, at, m); err != nil {
		t.Fatalf("%s %s: %v", short, id, err)
	}
}

func unit(t *testing.T, db *store.DB, id string) identityview.Unit {
	t.Helper()
	u, err := identityview.GetUnit(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func person(t *testing.T, db *store.DB, id string) identityview.Person {
	t.Helper()
	p, err := identityview.GetPerson(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUnitsNewerEventWins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		created := &eventsv1.UnitCreated{UnitId: "ubnd", Kind: "agency", Name: "UBND", Active: true}
		renamed := &eventsv1.UnitUpdated{UnitId: "ubnd", Kind: "agency", Name: "UBND tỉnh", Active: true}
		// Out of order: the update arrives first, the creation late.
		mustDeliver(t, db, events.UnitUpdated, "e2", t0.Add(time.Minute), renamed)
		mustDeliver(t, db, events.UnitCreated, "e1", t0, created)
		if u := unit(t, db, "ubnd"); u.Name != "UBND tỉnh" || u.AgencyID != "ubnd" {
			t.Fatalf("late creation undid the update: %+v", u)
		}
		// A duplicate of the update changes nothing; at an equal time the
		// greater event id wins, whichever arrives first.
		mustDeliver(t, db, events.UnitUpdated, "e2", t0.Add(time.Minute), renamed)
		tie := &eventsv1.UnitUpdated{UnitId: "ubnd", Kind: "agency", Name: "tie", Active: true}
		mustDeliver(t, db, events.UnitUpdated, "e3", t0.Add(time.Minute), tie)
		mustDeliver(t, db, events.UnitUpdated, "e2", t0.Add(time.Minute), renamed)
		if u := unit(t, db, "ubnd"); u.Name != "tie" {
			t.Fatalf("tie-break: %+v, want the greater event id's state", u)
		}
		// Deactivation is a unit.updated with active false.
		mustDeliver(t, db, events.UnitUpdated, "e4", t0.Add(2*time.Minute),
			&eventsv1.UnitUpdated{UnitId: "ubnd", Kind: "agency", Name: "tie", Active: false})
		if u := unit(t, db, "ubnd"); u.Active {
			t.Fatalf("deactivated unit still active: %+v", u)
		}
	})
}

func TestDivisionAgency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		// An older producer names no agency: a division before its parent is
		// retried (not dead-lettered), then takes the parent's agency.
		div := &eventsv1.UnitCreated{UnitId: "vp", ParentId: "ubnd", Kind: "division", Active: true}
		err := deliver(t, db, events.UnitCreated, "d1", t0, div)
		if !errors.Is(err, identityview.ErrParentUnknown) || messaging.IsPermanent(err) {
			t.Fatalf("division before parent: %v, want a retryable ErrParentUnknown", err)
		}
		if _, err := identityview.GetUnit(context.Background(), db, "vp"); !errors.Is(err, identityview.ErrNotFound) {
			t.Fatalf("division stored without agency: %v", err)
		}
		mustDeliver(t, db, events.UnitCreated, "a1", t0, &eventsv1.UnitCreated{UnitId: "ubnd", Kind: "agency", Active: true})
		mustDeliver(t, db, events.UnitCreated, "d1", t0, div)
		mustDeliver(t, db, events.UnitCreated, "d2", t0, &eventsv1.UnitCreated{UnitId: "team", ParentId: "vp", Kind: "division", Active: true})
		if got := unit(t, db, "team").AgencyID; got != "ubnd" {
			t.Fatalf("agency of a division two levels down = %q, want ubnd", got)
		}
		// An agency is its own agency whatever the event says.
		mustDeliver(t, db, events.UnitCreated, "a2", t0, &eventsv1.UnitCreated{UnitId: "so", ParentId: "ubnd", Kind: "agency", AgencyId: "ubnd", Active: true})
		if got := unit(t, db, "so").AgencyID; got != "so" {
			t.Fatalf("agency of an agency = %q", got)
		}
	})
}

func TestInvalidEventsArePermanent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		for name, c := range map[string]struct {
			short string
			m     proto.Message
		}{
			"unit without id":      {events.UnitCreated, &eventsv1.UnitCreated{Kind: "agency"}},
			"unit of unknown kind": {events.UnitUpdated, &eventsv1.UnitUpdated{UnitId: "x", Kind: "team"}},
			"orphan division":      {events.UnitCreated, &eventsv1.UnitCreated{UnitId: "x", Kind: "division"}},
			"division, no parent":  {events.UnitCreated, &eventsv1.UnitCreated{UnitId: "x", Kind: "division", AgencyId: "a"}},
			"user without id":      {events.UserCreated, &eventsv1.UserCreated{FullName: "A"}},
			"deactivation no id":   {events.UserDeactivated, &eventsv1.UserDeactivated{}},
			"client without id":    {events.ClientCreated, &eventsv1.ClientCreated{Name: "c"}},
		} {
			if err := deliver(t, db, c.short, "bad", t0, c.m); !messaging.IsPermanent(err) {
				t.Errorf("%s: %v, want a permanent error", name, err)
			}
		}
	})
}

func TestPeopleNewerEventWins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		ctx := context.Background()
		created := &eventsv1.UserCreated{UserId: "cv", Username: "cv", FullName: "Chuyên viên", Email: "cv@x.vn",
			UnitId: "vp", AgencyId: "ubnd", Roles: []string{"specialist", "clerk", "clerk"}, Title: "Chuyên viên", Active: true}
		mustDeliver(t, db, events.UserCreated, "u1", t0, created)
		p := person(t, db, "cv")
		if p.Email != "cv@x.vn" || p.Title != "Chuyên viên" || !slices.Equal(p.Roles, []string{"clerk", "specialist"}) || !p.Active {
			t.Fatalf("created: %+v", p)
		}
		moved := &eventsv1.UserUpdated{UserId: "cv", FullName: "Chuyên viên", UnitId: "tc", AgencyId: "ubnd", Roles: []string{"leader"}, Active: true}
		mustDeliver(t, db, events.UserUpdated, "u2", t0.Add(time.Minute), moved)
		mustDeliver(t, db, events.UserCreated, "u1", t0, created) // redelivered late
		if p := person(t, db, "cv"); p.UnitID != "tc" || !slices.Equal(p.Roles, []string{"leader"}) {
			t.Fatalf("late redelivery undid the move: %+v", p)
		}
		leaders, err := identityview.ActiveInUnitWithRole(ctx, db, "tc", "leader")
		if err != nil || len(leaders) != 1 || leaders[0].ID != "cv" {
			t.Fatalf("leaders of tc: %+v %v", leaders, err)
		}
		if clerks, err := identityview.ActiveInAgencyWithRole(ctx, db, "ubnd", "clerk"); err != nil || len(clerks) != 0 {
			t.Fatalf("the replaced role still counts: %+v %v", clerks, err)
		}
		// Deactivation wins over the older update, and keeps them out.
		mustDeliver(t, db, events.UserDeactivated, "u3", t0.Add(2*time.Minute), &eventsv1.UserDeactivated{UserId: "cv", UnitId: "tc"})
		mustDeliver(t, db, events.UserUpdated, "u2", t0.Add(time.Minute), moved)
		if p := person(t, db, "cv"); p.Active {
			t.Fatalf("deactivated person active again: %+v", p)
		}
		if leaders, _ := identityview.ActiveInUnitWithRole(ctx, db, "tc", "leader"); len(leaders) != 0 {
			t.Fatalf("a deactivated person is listed: %+v", leaders)
		}
	})
}

func TestDeactivationBeforeCreation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		mustDeliver(t, db, events.UserDeactivated, "u2", t0.Add(time.Minute), &eventsv1.UserDeactivated{UserId: "x", UnitId: "vp"})
		mustDeliver(t, db, events.UserCreated, "u1", t0, &eventsv1.UserCreated{UserId: "x", UnitId: "vp", Active: true})
		if p := person(t, db, "x"); p.Active || p.UnitID != "vp" {
			t.Fatalf("a late creation revived a deactivated person: %+v", p)
		}
		mustDeliver(t, db, events.ClientDeactivated, "c2", t0.Add(time.Minute), &eventsv1.ClientDeactivated{ClientId: "c"})
		mustDeliver(t, db, events.ClientCreated, "c1", t0, &eventsv1.ClientCreated{ClientId: "c", Scopes: []string{"b", "a"}, Active: true})
		c, err := identityview.GetClient(context.Background(), db, "c")
		if err != nil || c.Active {
			t.Fatalf("a late creation revived a deactivated client: %+v %v", c, err)
		}
		mustDeliver(t, db, events.ClientUpdated, "c3", t0.Add(2*time.Minute), &eventsv1.ClientUpdated{ClientId: "c", Name: "n", Scopes: []string{"b", "a"}, AgencyId: "ubnd", Active: true})
		if c, _ := identityview.GetClient(context.Background(), db, "c"); !c.Active || !slices.Equal(c.Scopes, []string{"a", "b"}) || c.AgencyID != "ubnd" {
			t.Fatalf("a newer update: %+v", c)
		}
	})
}

// identity serves one unit and one user; calls counts its answers.
func identity(t *testing.T, calls *int) *identityclient.Client {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*calls++
		switch r.URL.Path {
		case "/v1/units/vp":
			_, _ = w.Write([]byte(`{"id":"vp","parent_id":"ubnd","kind":"division","agency_id":"ubnd","name":"Văn phòng"}`))
		case "/v1/users/cv":
			_, _ = w.Write([]byte(`{"id":"cv","username":"cv","full_name":"Chuyên viên","unit_id":"vp","agency_id":"ubnd","roles":["specialist"],"title":"CV","active":true}`))
		case "/v1/units/down":
			http.Error(w, "boom", http.StatusBadGateway)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return identityclient.New(srv.URL, srv.Client())
}

func TestFallbackThenEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		ctx := context.Background()
		var calls int
		f := identityview.Fallback{DB: db, Remote: identity(t, &calls)}
		u, err := f.Unit(ctx, "tok", "vp")
		if err != nil || u.AgencyID != "ubnd" || !u.Active || u.Name != "Văn phòng" {
			t.Fatalf("fallback unit: %+v %v", u, err)
		}
		if _, err := f.Unit(ctx, "tok", "vp"); err != nil || calls != 1 {
			t.Fatalf("the answer was not kept: %d calls, %v", calls, err)
		}
		p, err := f.Person(ctx, "tok", "cv")
		if err != nil || p.UnitID != "vp" || p.Title != "CV" || !slices.Equal(p.Roles, []string{"specialist"}) {
			t.Fatalf("fallback person: %+v %v", p, err)
		}
		// The answers do not count as events caught up.
		if h, err := identityview.Horizon(ctx, db); err != nil || !h.IsZero() {
			t.Fatalf("horizon after fetches = %v, %v; want zero", h, err)
		}
		// Any event, however old, replaces an answer; then newer wins again.
		mustDeliver(t, db, events.UnitUpdated, "e2", t0.Add(time.Second), &eventsv1.UnitUpdated{UnitId: "vp", ParentId: "ubnd", Kind: "division", AgencyId: "ubnd", Name: "new", Active: false})
		if got := unit(t, db, "vp"); got.Name != "new" || got.Active {
			t.Fatalf("an event did not replace the fetched unit: %+v", got)
		}
		mustDeliver(t, db, events.UnitCreated, "e1", t0, &eventsv1.UnitCreated{UnitId: "vp", ParentId: "ubnd", Kind: "division", AgencyId: "ubnd", Name: "old", Active: true})
		if got := unit(t, db, "vp").Name; got != "new" {
			t.Fatalf("an older event replaced a newer one: %q", got)
		}
		if _, err := f.Unit(ctx, "tok", "vp"); err != nil || calls != 2 {
			t.Fatalf("identity asked for a unit the events brought: %d calls, %v", calls, err)
		}
		mustDeliver(t, db, events.UserDeactivated, "e3", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), &eventsv1.UserDeactivated{UserId: "cv"})
		if p := person(t, db, "cv"); p.Active || p.Title != "CV" {
			t.Fatalf("an old deactivation did not replace the fetched person: %+v", p)
		}
		if h, _ := identityview.Horizon(ctx, db); !h.Equal(t0.Add(time.Second)) {
			t.Fatalf("horizon = %v", h)
		}
		// Unknown to identity, identity down, no client at all.
		if _, err := f.Unit(ctx, "tok", "nope"); !errors.Is(err, identityclient.ErrUnknownUnit) {
			t.Fatalf("unknown unit: %v", err)
		}
		if _, err := f.Person(ctx, "tok", "nope"); !errors.Is(err, identityclient.ErrUnknownUser) {
			t.Fatalf("unknown user: %v", err)
		}
		if _, err := f.Unit(ctx, "tok", "down"); err == nil || errors.Is(err, identityclient.ErrUnknownUnit) {
			t.Fatalf("identity down: %v, want a plain error", err)
		}
		if _, err := (identityview.Fallback{DB: db}).Unit(ctx, "tok", "nope"); !errors.Is(err, identityview.ErrNoRemote) {
			t.Fatalf("no client: %v", err)
		}
	})
}
