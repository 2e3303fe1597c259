package httpapi_test

import (
	"net/http"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// TestAgencyFactsAndPositionRoutes: the agency facts and a person's
// position go in by POST and PATCH, come back from GET (null when unset),
// and bad values are 400 naming the field.
func TestAgencyFactsAndPositionRoutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		p := a.seed()
		so := a.createUnit(p.admin, map[string]any{"name": "Sở Tư pháp", "short_name": "STP", "parent_id": p.province.ID,
			"place_name": "Khánh Hòa", "regime": "head_led", "head_title": "Giám đốc"})
		get := func(path string) map[string]any {
			t.Helper()
			w := a.call("GET", path, p.clerk, nil)
			if w.Code != http.StatusOK {
				t.Fatalf("GET %s: %d %s", path, w.Code, w.Body)
			}
			return decode[map[string]any](t, w)
		}
		wantFields := func(what string, got map[string]any, want map[string]any) {
			t.Helper()
			for k, v := range want {
				if g, ok := got[k]; !ok || g != v {
					t.Fatalf("%s: %s = %#v (present %v), want %#v", what, k, g, ok, v)
				}
			}
		}
		wantFields("the Sở", get("/v1/units/"+so.ID), map[string]any{"place_name": "Khánh Hòa", "regime": "head_led",
			"head_title": "Giám đốc", "collective_name": nil})
		wantFields("a division", get("/v1/units/"+p.office.ID), map[string]any{"place_name": nil, "regime": nil,
			"head_title": nil, "collective_name": nil})

		w := a.call("PATCH", "/v1/units/"+p.province.ID, p.admin, map[string]any{"place_name": "Khánh Hòa", "regime": "collective",
			"head_title": "Chủ tịch", "collective_name": "Ủy ban nhân dân"})
		if w.Code != http.StatusOK {
			t.Fatalf("patch the province: %d %s", w.Code, w.Body)
		}
		want := map[string]any{"place_name": "Khánh Hòa", "regime": "collective", "head_title": "Chủ tịch", "collective_name": "Ủy ban nhân dân",
			"name": "Ủy ban nhân dân tỉnh Khánh Hòa"}
		wantFields("the patch's answer", decode[map[string]any](t, w), want)
		wantFields("the province", get("/v1/units/"+p.province.ID), want)
		if w := a.call("PATCH", "/v1/units/"+p.province.ID, p.admin, map[string]any{"collective_name": ""}); w.Code != http.StatusOK {
			t.Fatalf("clear: %d %s", w.Code, w.Body)
		}
		want["collective_name"] = nil
		wantFields("the province, cleared", get("/v1/units/"+p.province.ID), want)

		cv := a.createUser(p.admin, map[string]any{"username": "cvp.vp", "full_name": "Đỗ Chánh", "email": "chanh@khanhhoa.gov.vn",
			"unit_id": p.office.ID, "roles": []string{"leader"}, "password": password, "title": "Chánh Văn phòng", "position": "office_head"})
		wantFields("the head of office", get("/v1/users/"+cv.ID), map[string]any{"position": "office_head"})
		wantFields("the leader", get("/v1/users/"+p.leaderUser.ID), map[string]any{"position": nil})
		if w := a.call("PATCH", "/v1/users/"+p.leaderUser.ID, p.admin, map[string]any{"position": "deputy"}); w.Code != http.StatusOK {
			t.Fatalf("patch position: %d %s", w.Code, w.Body)
		}
		wantFields("the leader, patched", get("/v1/users/"+p.leaderUser.ID), map[string]any{"position": "deputy", "title": "Phó Chủ tịch"})

		before := a.snapshot()
		for _, c := range []struct {
			method, path string
			body         map[string]any
			field        string
		}{
			{"POST", "/v1/units", map[string]any{"name": "X", "short_name": "X", "regime": "council"}, "regime"},
			{"POST", "/v1/units", map[string]any{"kind": "division", "name": "X", "short_name": "X", "parent_id": so.ID, "place_name": "Nha Trang"}, "place_name"},
			{"PATCH", "/v1/units/" + so.ID, map[string]any{"regime": "board"}, "regime"},
			{"PATCH", "/v1/units/" + p.office.ID, map[string]any{"head_title": "Chánh Văn phòng"}, "head_title"},
			{"POST", "/v1/users", map[string]any{"username": "x.vp", "full_name": "X", "email": "x@khanhhoa.gov.vn",
				"unit_id": p.office.ID, "roles": []string{"clerk"}, "password": password, "position": "boss"}, "position"},
			{"PATCH", "/v1/users/" + cv.ID, map[string]any{"position": "chairman"}, "position"},
		} {
			pr := wantProblem(t, a.call(c.method, c.path, p.admin, c.body), http.StatusBadRequest)
			if !hasField(pr, c.field) {
				t.Fatalf("%s %s %v: problem %+v does not name %s", c.method, c.path, c.body, pr, c.field)
			}
		}
		if !equalMaps(before, a.snapshot()) {
			t.Fatal("refused requests changed something")
		}
		// Only an administrator sets them.
		wantProblem(t, a.call("PATCH", "/v1/units/"+so.ID, p.leader, map[string]any{"place_name": "Nha Trang"}), http.StatusForbidden)
		wantProblem(t, a.call("PATCH", "/v1/users/"+cv.ID, p.leader, map[string]any{"position": "head"}), http.StatusForbidden)
	})
}
