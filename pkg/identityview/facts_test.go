package identityview_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// TestAgencyFactsNewerEventWins: the facts official documents read (place
// name, regime, head title, collective name) follow the newest event, and
// clearing one in identity clears it here.
func TestAgencyFactsNewerEventWins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		created := &eventsv1.UnitCreated{UnitId: "ubnd", Kind: "agency", Name: "UBND tỉnh Khánh Hòa", Active: true,
			PlaceName: "Khánh Hòa", Regime: identityview.RegimeCollective, HeadTitle: "Chủ tịch", CollectiveName: "Ủy ban nhân dân"}
		mustDeliver(t, db, events.UnitCreated, "e1", t0, created)
		want := identityview.Unit{ID: "ubnd", Kind: "agency", AgencyID: "ubnd", Name: "UBND tỉnh Khánh Hòa", Active: true,
			PlaceName: "Khánh Hòa", Regime: "collective", HeadTitle: "Chủ tịch", CollectiveName: "Ủy ban nhân dân"}
		if got := unit(t, db, "ubnd"); got != want {
			t.Fatalf("created:\n got %+v\nwant %+v", got, want)
		}
		updated := &eventsv1.UnitUpdated{UnitId: "ubnd", Kind: "agency", Name: "UBND tỉnh Khánh Hòa", Active: true,
			PlaceName: "Nha Trang", Regime: identityview.RegimeHeadLed, HeadTitle: "Giám đốc"}
		mustDeliver(t, db, events.UnitUpdated, "e2", t0.Add(time.Minute), updated)
		mustDeliver(t, db, events.UnitCreated, "e1", t0, created) // redelivered late
		want.PlaceName, want.Regime, want.HeadTitle, want.CollectiveName = "Nha Trang", "head_led", "Giám đốc", ""
		if got := unit(t, db, "ubnd"); got != want {
			t.Fatalf("updated, then the creation redelivered:\n got %+v\nwant %+v", got, want)
		}
		// A division carries none of its own.
		mustDeliver(t, db, events.UnitCreated, "e3", t0, &eventsv1.UnitCreated{UnitId: "vp", ParentId: "ubnd", Kind: "division", Active: true})
		if got := unit(t, db, "vp"); got.PlaceName != "" || got.Regime != "" || got.HeadTitle != "" || got.CollectiveName != "" {
			t.Fatalf("division: %+v", got)
		}
	})
}

// TestPositionNewerEventWins: a person's position follows the newest event
// and reaches the role lists documents picks signers from.
func TestPositionNewerEventWins(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		ctx := context.Background()
		created := &eventsv1.UserCreated{UserId: "pgd", FullName: "Phó Giám đốc", UnitId: "so", AgencyId: "so",
			Roles: []string{"leader"}, Title: "Phó Giám đốc", Position: identityview.PositionDeputy, Active: true}
		mustDeliver(t, db, events.UserCreated, "u1", t0, created)
		if p := person(t, db, "pgd"); p.Position != "deputy" {
			t.Fatalf("created: %+v", p)
		}
		acting := &eventsv1.UserUpdated{UserId: "pgd", FullName: "Phó Giám đốc", UnitId: "so", AgencyId: "so",
			Roles: []string{"leader"}, Title: "Phó Giám đốc", Position: identityview.PositionActingHead, Active: true}
		mustDeliver(t, db, events.UserUpdated, "u2", t0.Add(time.Minute), acting)
		mustDeliver(t, db, events.UserCreated, "u1", t0, created)
		if p := person(t, db, "pgd"); p.Position != "acting_head" {
			t.Fatalf("late creation undid the position: %+v", p)
		}
		for name, list := range map[string]func(context.Context, store.Querier, string, string) ([]identityview.Person, error){
			"unit": identityview.ActiveInUnitWithRole, "agency": identityview.ActiveInAgencyWithRole,
		} {
			leaders, err := list(ctx, db, "so", "leader")
			if err != nil || len(leaders) != 1 || leaders[0].Position != "acting_head" {
				t.Fatalf("leaders of the %s: %+v %v", name, leaders, err)
			}
		}
		cleared := &eventsv1.UserUpdated{UserId: "pgd", FullName: "Phó Giám đốc", UnitId: "so", AgencyId: "so",
			Roles: []string{"leader"}, Active: true}
		mustDeliver(t, db, events.UserUpdated, "u3", t0.Add(2*time.Minute), cleared)
		if p := person(t, db, "pgd"); p.Position != "" {
			t.Fatalf("cleared: %+v", p)
		}
	})
}

// TestFallbackCarriesFacts: an answer of identity's API keeps the agency's
// facts and the person's position, as an event would.
func TestFallbackCarriesFacts(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/units/ubnd":
			_, _ = w.Write([]byte(`{"id":"ubnd","kind":"agency","code":null,"parent_id":null,"agency_id":"ubnd","name":"UBND","active":true,
				"place_name":"Khánh Hòa","regime":"collective","head_title":"Chủ tịch","collective_name":"Ủy ban nhân dân"}`))
		case "/v1/users/ct":
			_, _ = w.Write([]byte(`{"id":"ct","username":"ct","full_name":"Chủ tịch","unit_id":"ubnd","agency_id":"ubnd","roles":["leader"],"title":"Chủ tịch","active":true,"position":"head"}`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		setup(t, db)
		ctx := context.Background()
		f := identityview.Fallback{DB: db, Remote: identityclient.New(srv.URL, srv.Client())}
		u, err := f.Unit(ctx, "tok", "ubnd")
		if err != nil || u.PlaceName != "Khánh Hòa" || u.Regime != "collective" || u.HeadTitle != "Chủ tịch" ||
			u.CollectiveName != "Ủy ban nhân dân" || u.Code != "" || u.ParentID != "" {
			t.Fatalf("fallback unit: %+v %v", u, err)
		}
		p, err := f.Person(ctx, "tok", "ct")
		if err != nil || p.Position != "head" {
			t.Fatalf("fallback person: %+v %v", p, err)
		}
	})
}
