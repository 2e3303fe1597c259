package httpapi_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

func TestCreateUserRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		p := a.seed()
		body := func(change map[string]any) map[string]any {
			b := map[string]any{"username": "specialist.vp", "full_name": "Phạm Văn C", "email": "c@khanhhoa.gov.vn",
				"unit_id": p.office.ID, "roles": []string{"specialist"}, "password": password, "title": "Chuyên viên"}
			for k, v := range change {
				if v == nil {
					delete(b, k)
				} else {
					b[k] = v
				}
			}
			return b
		}

		w := a.call("POST", "/v1/users", p.admin, body(nil))
		if w.Code != http.StatusCreated {
			t.Fatalf("create: %d %s", w.Code, w.Body)
		}
		if strings.Contains(w.Body.String(), "password") || strings.Contains(w.Body.String(), password) {
			t.Fatalf("the response mentions the password: %s", w.Body)
		}
		u := decode[userBody](t, w)
		if u.ID == "" || u.Username != "specialist.vp" || u.UnitID == nil || *u.UnitID != p.office.ID || u.AgencyID == nil ||
			*u.AgencyID != p.province.ID || strings.Join(u.Roles, ",") != "specialist" || u.Title != "Chuyên viên" || !u.Active || u.CreatedAt == "" {
			t.Fatalf("user = %+v", u)
		}
		a.login("specialist.vp", password)

		tests := []struct {
			name   string
			token  string
			body   any
			status int
			field  string
		}{
			{"malformed json", p.admin, `{"username":`, 400, ""},
			{"unknown field", p.admin, body(map[string]any{"username": "x.y.z", "is_admin": true}), 400, "is_admin"},
			{"roles not an array", p.admin, body(map[string]any{"username": "x.y.z", "roles": "leader"}), 400, "roles"},
			{"weak password", p.admin, body(map[string]any{"username": "x.y.z", "password": "short"}), 400, "password"},
			{"password holds username", p.admin, body(map[string]any{"username": "x.y.z", "password": "aaa-x.y.z-bbb"}), 400, "password"},
			{"missing password", p.admin, body(map[string]any{"username": "x.y.z", "password": nil}), 400, "password"},
			{"unknown unit", p.admin, body(map[string]any{"username": "x.y.z", "unit_id": "nope"}), 400, "unit_id"},
			{"unknown role", p.admin, body(map[string]any{"username": "x.y.z", "roles": []string{"director"}}), 400, "roles"},
			{"no roles", p.admin, body(map[string]any{"username": "x.y.z", "roles": []string{}}), 400, "roles"},
			{"bad email", p.admin, body(map[string]any{"username": "x.y.z", "email": "c@"}), 400, "email"},
			{"uppercase username", p.admin, body(map[string]any{"username": "XYZ"}), 400, "username"},
			{"username taken", p.admin, body(map[string]any{"username": "clerk.vp"}), 409, "username"},
			{"leader is not admin", p.leader, body(map[string]any{"username": "x.y.z"}), 403, ""},
			{"no token", "", body(map[string]any{"username": "x.y.z"}), 401, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				users, events := a.e.Count(t, "users"), a.e.Count(t, "outbox")
				pr := wantProblem(t, a.call("POST", "/v1/users", tt.token, tt.body), tt.status)
				if tt.field != "" && !hasField(pr, tt.field) {
					t.Fatalf("problem %+v does not name %s", pr, tt.field)
				}
				if a.e.Count(t, "users") != users || a.e.Count(t, "outbox") != events {
					t.Fatal("a refused request changed something")
				}
			})
		}
	})
}

func TestReadUserRoutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		p := a.seed()

		w := a.call("GET", "/v1/users?unit_id="+p.office.ID, p.leader, nil)
		l := decode[list[userBody]](t, w)
		if w.Code != 200 || len(l.Items) != 1 || l.Items[0].ID != p.clerkUser.ID || l.NextCursor != "" {
			t.Fatalf("users of the office: %d %s", w.Code, w.Body)
		}
		w = a.call("GET", "/v1/users?limit=2", p.clerk, nil)
		l = decode[list[userBody]](t, w)
		if len(l.Items) != 2 || l.Items[0].ID != p.clerkUser.ID || l.Items[1].ID != p.leaderUser.ID || l.NextCursor == "" {
			t.Fatalf("page 1: %s", w.Body)
		}
		w = a.call("GET", "/v1/users?limit=2&cursor="+l.NextCursor, p.clerk, nil)
		l = decode[list[userBody]](t, w)
		if len(l.Items) != 1 || l.Items[0].Username != "admin" || l.Items[0].UnitID != nil || l.NextCursor != "" {
			t.Fatalf("page 2: %s", w.Body)
		}
		if strings.Contains(w.Body.String(), "argon2") || strings.Contains(w.Body.String(), "password") {
			t.Fatal("a list shows password data")
		}
		wantProblem(t, a.call("GET", "/v1/users?unit_id=nope", p.clerk, nil), 400)
		wantProblem(t, a.call("GET", "/v1/users", "", nil), 401)

		w = a.call("GET", "/v1/me", p.clerk, nil)
		me := decode[userBody](t, w)
		if w.Code != 200 || !reflect.DeepEqual(me, p.clerkUser) {
			t.Fatalf("me: %d %+v, want %+v", w.Code, me, p.clerkUser)
		}
		w = a.call("GET", "/v1/me", p.admin, nil)
		me = decode[userBody](t, w)
		if me.Username != "admin" || me.UnitID != nil || me.AgencyID != nil || strings.Join(me.Roles, ",") != "admin" {
			t.Fatalf("admin me: %s", w.Body)
		}
		wantProblem(t, a.call("GET", "/v1/me", "", nil), 401)
	})
}
