package httpapi_test

import (
	"context"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/cmd/eoffice/seed"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

// scenario is the demo's copy of the shared scenario file.
const scenario = "../../../../scripts/demo/papi-khanhhoa-2022.json"

func seedFile(t *testing.T) seed.File {
	t.Helper()
	if _, err := os.Stat(scenario); err == nil {
		f, err := seed.Load(scenario)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	return seed.File{
		Units: []seed.Unit{
			{Key: "ubnd", Kind: "agency", Name: "Ủy ban nhân dân tỉnh Khánh Hòa", ShortName: "UBND"},
			{Key: "vp", Parent: "ubnd", Kind: "division", Name: "Văn phòng", ShortName: "VP"},
			{Key: "stttt", Parent: "ubnd", Kind: "agency", Name: "Sở TT&TT", ShortName: "STTTT"},
			{Key: "stttt_vp", Parent: "stttt", Kind: "division", Name: "Văn phòng Sở", ShortName: "VP"},
		},
		Users: []seed.User{
			{Username: "ct.ubnd", FullName: "Nguyễn Văn An", Email: "ct@example.vn", Unit: "ubnd", Roles: []string{"leader"}, Title: "Chủ tịch", Password: "demo-Leader-1"},
			{Username: "vt.stttt", FullName: "Trần Thị Bình", Email: "vt@example.vn", Unit: "stttt_vp", Roles: []string{"clerk"}, Password: "demo-Clerk-1"},
		},
	}
}

// TestSeedIsIdempotent loads the scenario through identity's public API
// twice: the first run creates everything with keys resolved to ids, the
// second changes nothing (no write, no event); a change on the server is
// put back by the next run.
func TestSeedIsIdempotent(t *testing.T) {
	a := newAPI(t, storetest.OpenSQLite(t))
	srv := httptest.NewServer(a.h)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	f := seedFile(t)
	c := &seed.Client{BaseURL: srv.URL, HTTP: srv.Client()}
	if err := c.Login(ctx, "admin", testenv.AdminPassword); err != nil {
		t.Fatal(err)
	}
	var calls, last int
	res, err := seed.Run(ctx, c, f, func(done, total int) { calls, last = calls+1, done })
	if err != nil {
		t.Fatal(err)
	}
	total := len(f.Units) + len(f.Users)
	if res.Units.Created != len(f.Units) || res.Users.Created != len(f.Users) || calls != total || last != total {
		t.Fatalf("first run = %+v, progress %d/%d of %d", res, calls, last, total)
	}
	// Parents resolved: every unit of the file has the server parent of
	// its parent key.
	units, err := a.e.Store.Units(ctx, storePage())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range units.Items {
		if u.Kind == "division" && u.ParentID == "" {
			t.Fatalf("division %s without parent", u.ShortName)
		}
	}
	if len(units.Items) != len(f.Units) {
		t.Fatalf("%d units on the server, %d in the file", len(units.Items), len(f.Units))
	}

	before := a.snapshot()
	res, err = seed.Run(ctx, c, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Units != (seed.Counts{Unchanged: len(f.Units)}) || res.Users != (seed.Counts{Unchanged: len(f.Users)}) {
		t.Fatalf("second run = %+v", res)
	}
	if after := a.snapshot(); !equalMaps(before, after) {
		t.Fatalf("second run wrote: %v → %v", before, after)
	}

	// Someone renames a unit and changes a user's title; the next run puts
	// both back and touches nothing else.
	admin := a.login("admin", testenv.AdminPassword)
	unitID := units.Items[0].ID
	a.call("PATCH", "/v1/units/"+unitID, admin, map[string]any{"name": "Đổi tên"})
	user, _, err := a.e.Store.Credentials(ctx, f.Users[0].Username)
	if err != nil {
		t.Fatal(err)
	}
	a.call("PATCH", "/v1/users/"+user.ID, admin, map[string]any{"title": "Khác"})
	res, err = seed.Run(ctx, c, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Units.Updated != 1 || res.Users.Updated != 1 || res.Units.Created+res.Users.Created != 0 {
		t.Fatalf("third run = %+v", res)
	}
}

func storePage() app.Page { return app.Page{Limit: 500} }

// TestSeedSetsSigningFacts: the seed gives agencies their place name,
// regime and head title and leaders their position, read from the file's
// names and titles where it gives none; an administrator's later choice
// of a derived fact stays.
func TestSeedSetsSigningFacts(t *testing.T) {
	a := newAPI(t, storetest.OpenSQLite(t))
	srv := httptest.NewServer(a.h)
	t.Cleanup(srv.Close)
	ctx := context.Background()
	f := seedFile(t)
	c := &seed.Client{BaseURL: srv.URL, HTTP: srv.Client()}
	if err := c.Login(ctx, "admin", testenv.AdminPassword); err != nil {
		t.Fatal(err)
	}
	res, err := seed.Run(ctx, c, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	unit := func(key string) domain.Unit {
		t.Helper()
		u, err := a.e.Store.Unit(ctx, res.UnitIDs[key])
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	for key, want := range map[string]domain.AgencyFacts{
		"ubnd":  {PlaceName: "Khánh Hòa", Regime: domain.RegimeCollective, HeadTitle: "Chủ tịch", CollectiveName: "Ủy ban nhân dân"},
		"stttt": {PlaceName: "Khánh Hòa", Regime: domain.RegimeHeadLed, HeadTitle: headTitleIn(f, "stttt")},
	} {
		if got := unit(key).AgencyFacts; got != want {
			t.Errorf("%s: %+v, want %+v", key, got, want)
		}
	}
	positions := map[string]domain.Position{"ct.ubnd": domain.PositionHead, "gd.stttt": domain.PositionHead,
		"tp.ttbc": domain.PositionDivisionHead, "gd.ttcntt": domain.PositionDivisionHead, "vt.ubnd": "", "vt.stttt": ""}
	for _, u := range f.Users {
		want, ok := positions[u.Username]
		if !ok {
			continue
		}
		got, _, err := a.e.Store.Credentials(ctx, u.Username)
		if err != nil {
			t.Fatal(err)
		}
		if got.Position != want {
			t.Errorf("%s (%s): position %q, want %q", u.Username, u.Title, got.Position, want)
		}
	}
	admin := a.login("admin", testenv.AdminPassword)
	if w := a.call("PATCH", "/v1/units/"+res.UnitIDs["ubnd"], admin, map[string]any{"place_name": "Nha Trang"}); w.Code != 200 {
		t.Fatalf("patch: %d %s", w.Code, w.Body)
	}
	if res, err = seed.Run(ctx, c, f, nil); err != nil || res.Units.Updated != 0 {
		t.Fatalf("next run = %+v, %v; want the administrator's place name kept", res, err)
	}
	if got := unit("ubnd").PlaceName; got != "Nha Trang" {
		t.Fatalf("place name = %q", got)
	}
}

// headTitleIn is the title of the file's head of the unit key.
func headTitleIn(f seed.File, key string) string {
	for _, u := range f.Users {
		if u.Unit == key && (u.Title == "Giám đốc" || u.Title == "Chủ tịch") {
			return u.Title
		}
	}
	return ""
}
