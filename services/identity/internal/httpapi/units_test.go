package httpapi_test

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

func TestCreateUnitRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		p := a.seed()

		// 201 with the whole unit.
		dept := a.createUnit(p.admin, map[string]any{"name": "Sở Thông tin và Truyền thông", "short_name": "STTTT", "parent_id": p.province.ID, "code": "000.00.31.H37"})
		if dept.ID == "" || dept.Kind != "agency" || dept.AgencyID != dept.ID || dept.ParentID == nil || *dept.ParentID != p.province.ID ||
			dept.Code == nil || *dept.Code != "000.00.31.H37" || !dept.Active || dept.CreatedAt == "" || dept.ShortName != "STTTT" {
			t.Fatalf("unit = %+v", dept)
		}
		if p.office.Kind != "division" || p.office.AgencyID != p.province.ID {
			t.Fatalf("office = %+v", p.office)
		}
		if p.province.ParentID != nil {
			t.Fatalf("root parent_id = %v, want null", *p.province.ParentID)
		}

		tests := []struct {
			name   string
			token  string
			body   any
			status int
			field  string
		}{
			{"malformed json", p.admin, `{"name": "X", `, 400, ""},
			{"unknown field", p.admin, map[string]any{"name": "X", "short_name": "X", "colour": "red"}, 400, "colour"},
			{"wrong type", p.admin, map[string]any{"name": 7, "short_name": "X"}, 400, "name"},
			{"unknown kind", p.admin, map[string]any{"kind": "ministry", "name": "X", "short_name": "X"}, 400, "kind"},
			{"division without parent", p.admin, map[string]any{"kind": "division", "name": "X", "short_name": "X"}, 400, "parent_id"},
			{"unknown parent", p.admin, map[string]any{"kind": "division", "name": "X", "short_name": "X", "parent_id": "0190-no-such-unit"}, 400, "parent_id"},
			{"bad code", p.admin, map[string]any{"name": "X", "short_name": "X", "code": "31.H37"}, 400, "code"},
			{"missing name", p.admin, map[string]any{"short_name": "X"}, 400, "name"},
			{"empty body", p.admin, "", 400, ""},
			{"sibling short name", p.admin, map[string]any{"kind": "division", "name": "Văn phòng 2", "short_name": "VP", "parent_id": p.province.ID}, 409, "short_name"},
			{"code taken", p.admin, map[string]any{"name": "X", "short_name": "X", "code": "000.00.00.H37"}, 409, "code"},
			{"leader is not admin", p.leader, map[string]any{"name": "X", "short_name": "X"}, 403, ""},
			{"clerk is not admin", p.clerk, map[string]any{"name": "X", "short_name": "X"}, 403, ""},
			{"no token", "", map[string]any{"name": "X", "short_name": "X"}, 401, ""},
			{"bad token", "not-a-token", map[string]any{"name": "X", "short_name": "X"}, 401, ""},
			{"no token and a bad body: 401 first", "", `{"name":`, 401, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				units, events := a.e.Count(t, "units"), a.e.Count(t, "outbox")
				w := a.call("POST", "/v1/units", tt.token, tt.body)
				pr := wantProblem(t, w, tt.status)
				if tt.field != "" && !hasField(pr, tt.field) {
					t.Fatalf("problem %+v does not name %s", pr, tt.field)
				}
				if a.e.Count(t, "units") != units || a.e.Count(t, "outbox") != events {
					t.Fatal("a refused request changed something")
				}
			})
		}
	})
}

func TestReadUnitRoutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		p := a.seed()

		w := a.call("GET", "/v1/units/"+p.office.ID, p.clerk, nil)
		if w.Code != 200 {
			t.Fatalf("get: %d %s", w.Code, w.Body)
		}
		if got := decode[unitBody](t, w); !reflect.DeepEqual(got, p.office) {
			t.Fatalf("got %+v, want %+v", got, p.office)
		}
		wantProblem(t, a.call("GET", "/v1/units/nope", p.clerk, nil), http.StatusNotFound)
		wantProblem(t, a.call("GET", "/v1/units/"+p.office.ID, "", nil), http.StatusUnauthorized)

		// Newest first, in pages.
		w = a.call("GET", "/v1/units?limit=1", p.leader, nil)
		page1 := decode[list[unitBody]](t, w)
		if w.Code != 200 || len(page1.Items) != 1 || page1.Items[0].ID != p.office.ID || page1.NextCursor == "" {
			t.Fatalf("page 1: %d %s", w.Code, w.Body)
		}
		w = a.call("GET", "/v1/units?limit=1&cursor="+page1.NextCursor, p.leader, nil)
		page2 := decode[list[unitBody]](t, w)
		if len(page2.Items) != 1 || page2.Items[0].ID != p.province.ID || page2.NextCursor != "" {
			t.Fatalf("page 2: %s", w.Body)
		}
		for _, q := range []string{"limit=0", "limit=501", "limit=x", "cursor=not-a-cursor!", "cursor=" + httpx.EncodeCursor("x")} {
			pr := wantProblem(t, a.call("GET", "/v1/units?"+q, p.leader, nil), 400)
			if len(pr.Errors) == 0 {
				t.Errorf("%s: no field named", q)
			}
		}
		wantProblem(t, a.call("GET", "/v1/units", "", nil), http.StatusUnauthorized)
	})
}
