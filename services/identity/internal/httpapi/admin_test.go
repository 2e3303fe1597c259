package httpapi_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// tables whose rows any admin route may change; a refused call changes none.
var tables = []string{"units", "users", "clients", "signing_keys", "refresh_tokens", "outbox"}

func (a *api) snapshot() map[string]int {
	m := map[string]int{}
	for _, tb := range tables {
		m[tb] = a.e.Count(a.t, tb)
	}
	return m
}

// client registers an integration client and returns its machine token.
func (a *api) client(admin string, scopes ...string) (id, secret, token string) {
	a.t.Helper()
	w := a.call("POST", "/v1/clients", admin, map[string]any{"name": "Cổng dịch vụ công", "scopes": scopes})
	if w.Code != http.StatusCreated {
		a.t.Fatalf("create client: %d %s", w.Code, w.Body)
	}
	c := decode[struct {
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
	}](a.t, w)
	tw := a.form(url.Values{"grant_type": {"client_credentials"}, "client_id": {c.ClientID}, "client_secret": {c.ClientSecret}})
	if tw.Code != http.StatusOK {
		a.t.Fatalf("client token: %d %s", tw.Code, tw.Body)
	}
	return c.ClientID, c.ClientSecret, decode[tokenBody](a.t, tw).AccessToken
}

// TestAdminRoutesRefuseEveryOtherRole calls every administration route
// with a valid body as each non-admin caller (403, nothing changed) and
// then as the administrator (allowed).
func TestAdminRoutesRefuseEveryOtherRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		p := a.seed()
		a.createUser(p.admin, map[string]any{"username": "cv.vp", "full_name": "Phạm Văn Chuyên", "email": "cv@khanhhoa.gov.vn",
			"unit_id": p.office.ID, "roles": []string{"specialist"}, "password": password})
		specialist := a.login("cv.vp", password)
		_, _, machine := a.client(p.admin, "events:read", "webhooks:write")
		spare := a.createUnit(p.admin, map[string]any{"kind": "division", "name": "Phòng dự phòng", "short_name": "DP", "parent_id": p.province.ID})
		target := a.createUser(p.admin, map[string]any{"username": "tam.vp", "full_name": "Người Tạm", "email": "tam@khanhhoa.gov.vn",
			"unit_id": p.office.ID, "roles": []string{"clerk"}, "password": password})

		routes := []struct {
			method, path string
			body         any
			ok           int
		}{
			{"POST", "/v1/units", map[string]any{"name": "Sở Nội vụ", "short_name": "SNV", "parent_id": p.province.ID}, 201},
			{"PATCH", "/v1/units/" + p.office.ID, map[string]any{"name": "Văn phòng UBND tỉnh"}, 200},
			{"POST", "/v1/units/" + spare.ID + "/deactivate", nil, 200},
			{"POST", "/v1/users", map[string]any{"username": "moi.vp", "full_name": "Người Mới", "email": "moi@khanhhoa.gov.vn",
				"unit_id": p.office.ID, "roles": []string{"clerk"}, "password": password}, 201},
			{"PATCH", "/v1/users/" + target.ID, map[string]any{"title": "Chuyên viên"}, 200},
			{"POST", "/v1/users/" + target.ID + "/deactivate", nil, 200},
			{"POST", "/v1/clients", map[string]any{"name": "Hệ thống báo cáo", "scopes": []string{"events:read"}}, 201},
			{"POST", "/v1/keys/rotate", nil, 200},
		}
		callers := []struct{ name, token string }{
			{"leader", p.leader}, {"clerk", p.clerk}, {"specialist", specialist}, {"integration client", machine},
		}
		for _, r := range routes {
			t.Run(r.method+" "+r.path, func(t *testing.T) {
				for _, c := range callers {
					before := a.snapshot()
					wantProblem(t, a.call(r.method, r.path, c.token, r.body), http.StatusForbidden)
					if after := a.snapshot(); !equalMaps(before, after) {
						t.Fatalf("%s: refused call changed %v → %v", c.name, before, after)
					}
				}
				if w := a.call(r.method, r.path, p.admin, r.body); w.Code != r.ok {
					t.Fatalf("admin: %d %s", w.Code, w.Body)
				}
			})
		}
	})
}

func equalMaps(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}

func TestUnitAndUserRoutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		p := a.seed()
		dept := a.createUnit(p.admin, map[string]any{"name": "Sở TT&TT", "short_name": "STTTT", "parent_id": p.province.ID})
		room := a.createUnit(p.admin, map[string]any{"kind": "division", "name": "Văn phòng Sở", "short_name": "VP", "parent_id": dept.ID})

		// GET one unit: the unit with its ancestors, root first.
		w := a.call("GET", "/v1/units/"+room.ID, p.clerk, nil)
		got := decode[struct {
			unitBody
			Ancestors []unitBody `json:"ancestors"`
		}](t, w)
		if w.Code != 200 || got.ID != room.ID || len(got.Ancestors) != 2 || got.Ancestors[0].ID != p.province.ID || got.Ancestors[1].ID != dept.ID {
			t.Fatalf("unit with ancestors: %d %s", w.Code, w.Body)
		}
		wantProblem(t, a.call("GET", "/v1/units/nope", p.clerk, nil), http.StatusNotFound)

		bad := []struct {
			name, method, path string
			body               any
			status             int
			field              string
		}{
			{"unit: empty name", "PATCH", "/v1/units/" + dept.ID, map[string]any{"name": ""}, 400, "name"},
			{"unit: bad code", "PATCH", "/v1/units/" + dept.ID, map[string]any{"code": "H37"}, 400, "code"},
			{"unit: parent cannot change", "PATCH", "/v1/units/" + dept.ID, map[string]any{"parent_id": p.office.ID}, 400, "parent_id"},
			{"unit: oversized body", "PATCH", "/v1/units/" + dept.ID, `{"name": "` + strings.Repeat("x", 70<<10) + `"}`, 413, ""},
			{"unit: unknown", "PATCH", "/v1/units/nope", map[string]any{"name": "X"}, 404, ""},
			{"unit with children", "POST", "/v1/units/" + dept.ID + "/deactivate", nil, 409, ""},
			{"unit with users", "POST", "/v1/units/" + p.office.ID + "/deactivate", nil, 409, ""},
			{"user: unknown role", "PATCH", "/v1/users/" + p.clerkUser.ID, map[string]any{"roles": []string{"clerk", "boss"}}, 400, "roles"},
			{"user: empty name", "PATCH", "/v1/users/" + p.clerkUser.ID, map[string]any{"full_name": " "}, 400, "full_name"},
			{"user: foreign unit", "PATCH", "/v1/users/" + p.clerkUser.ID, map[string]any{"unit_id": "0190-no-such-unit"}, 400, "unit_id"},
			{"user: username cannot change", "PATCH", "/v1/users/" + p.clerkUser.ID, map[string]any{"username": "x"}, 400, "username"},
			{"user: password not here", "PATCH", "/v1/users/" + p.clerkUser.ID, map[string]any{"password": "a-new-password"}, 400, "password"},
			{"user: oversized body", "PATCH", "/v1/users/" + p.clerkUser.ID, `{"title": "` + strings.Repeat("x", 70<<10) + `"}`, 413, ""},
			{"user: unknown", "POST", "/v1/users/nope/deactivate", nil, 404, ""},
			{"client: unknown scope", "POST", "/v1/clients", map[string]any{"name": "X", "scopes": []string{"everything"}}, 400, "scopes"},
			{"client: empty name", "POST", "/v1/clients", map[string]any{"name": "", "scopes": []string{"events:read"}}, 400, "name"},
		}
		for _, tt := range bad {
			t.Run(tt.name, func(t *testing.T) {
				before := a.snapshot()
				pr := wantProblem(t, a.call(tt.method, tt.path, p.admin, tt.body), tt.status)
				if tt.field != "" && !hasField(pr, tt.field) {
					t.Fatalf("problem %+v does not name %s", pr, tt.field)
				}
				if !equalMaps(before, a.snapshot()) {
					t.Fatal("a refused request changed something")
				}
			})
		}

		// PATCH then GET a user.
		w = a.call("PATCH", "/v1/users/"+p.clerkUser.ID, p.admin, map[string]any{"roles": []string{"specialist", "clerk"}, "title": "Văn thư"})
		if u := decode[userBody](t, w); w.Code != 200 || u.Title != "Văn thư" || strings.Join(u.Roles, " ") != "clerk specialist" {
			t.Fatalf("patch user: %d %s", w.Code, w.Body)
		}
		if u := decode[userBody](t, a.call("GET", "/v1/users/"+p.clerkUser.ID, p.leader, nil)); u.Title != "Văn thư" {
			t.Fatalf("get user = %+v", u)
		}
		wantProblem(t, a.call("GET", "/v1/users/nope", p.leader, nil), http.StatusNotFound)
	})
}

func TestDeactivationAndPasswordRoutes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		a := newAPI(t, db)
		p := a.seed()
		w := a.call("POST", "/v1/token", "", map[string]string{"grant_type": "password", "username": "clerk.vp", "password": password})
		tok := decode[tokenBody](t, w)

		// Own password: old one required, policy applied, refresh tokens
		// revoked.
		pr := wantProblem(t, a.call("POST", "/v1/me/password", p.clerk, map[string]string{"old_password": "wrong-password", "new_password": "a-new-password-1"}), 400)
		if !hasField(pr, "old_password") {
			t.Fatalf("problem %+v", pr)
		}
		pr = wantProblem(t, a.call("POST", "/v1/me/password", p.clerk, map[string]string{"old_password": password, "new_password": "short"}), 400)
		if !hasField(pr, "new_password") {
			t.Fatalf("problem %+v", pr)
		}
		if w := a.call("POST", "/v1/me/password", p.clerk, map[string]string{"old_password": password, "new_password": "a-new-password-1"}); w.Code != http.StatusNoContent || w.Body.Len() != 0 {
			t.Fatalf("change password: %d %s", w.Code, w.Body)
		}
		pr = wantProblem(t, a.form(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}}), 400)
		if pr.Error != "invalid_grant" {
			t.Fatalf("refresh after password change: %+v", pr)
		}
		clerk := a.login("clerk.vp", "a-new-password-1")

		// Deactivation: login and refresh refused at once.
		w = a.call("POST", "/v1/token", "", map[string]string{"grant_type": "password", "username": "clerk.vp", "password": "a-new-password-1"})
		tok = decode[tokenBody](t, w)
		if w := a.call("POST", "/v1/users/"+p.clerkUser.ID+"/deactivate", p.admin, nil); w.Code != 200 || decode[userBody](t, w).Active {
			t.Fatalf("deactivate: %d %s", w.Code, w.Body)
		}
		for _, v := range []url.Values{
			{"grant_type": {"password"}, "username": {"clerk.vp"}, "password": {"a-new-password-1"}},
			{"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}},
		} {
			if pr := wantProblem(t, a.form(v), 400); pr.Error != "invalid_grant" {
				t.Fatalf("%s after deactivation: %+v", v.Get("grant_type"), pr)
			}
		}
		// Its access token lives until expiry (stateless verification).
		if w := a.call("GET", "/v1/me", clerk, nil); w.Code != 200 || decode[userBody](t, w).Active {
			t.Fatalf("me after deactivation: %d %s", w.Code, w.Body)
		}
		wantProblem(t, a.call("POST", "/v1/users/"+p.clerkUser.ID+"/deactivate", p.admin, nil), http.StatusConflict)
	})
}

func TestThrottleAndClientRoutes(t *testing.T) {
	a := newAPI(t, storetest.OpenSQLite(t))
	p := a.seed()
	wrong := url.Values{"grant_type": {"password"}, "username": {"leader.ubnd"}, "password": {"wrong-password"}}
	for i := 0; i < 5; i++ {
		if pr := wantProblem(t, a.form(wrong), 400); pr.Error != "invalid_grant" {
			t.Fatalf("attempt %d: %+v", i+1, pr)
		}
	}
	right := url.Values{"grant_type": {"password"}, "username": {"leader.ubnd"}, "password": {password}}
	w := a.form(right)
	wantProblem(t, w, http.StatusTooManyRequests)
	if w.Header().Get("Retry-After") != "60" {
		t.Fatalf("Retry-After %q", w.Header().Get("Retry-After"))
	}
	// The same answer for a username that does not exist.
	ghost := url.Values{"grant_type": {"password"}, "username": {"ghost.user"}, "password": {"wrong-password"}}
	var bodies []string
	for i := 0; i < 6; i++ {
		bodies = append(bodies, a.form(ghost).Body.String())
	}
	if !strings.Contains(bodies[0], `"error":"invalid_grant"`) {
		t.Fatalf("unknown user answered %s", bodies[0])
	}
	if !strings.Contains(bodies[5], `"status":429`) {
		t.Fatalf("6th attempt for an unknown user: %s", bodies[5])
	}

	// client_credentials over HTTP Basic, and the machine token's limits.
	id, secret, _ := a.client(p.admin, "events:read")
	req := newRequest("POST", "/v1/token", "grant_type=client_credentials")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(id, secret)
	if w := a.serve(req); w.Code != 200 || decode[tokenBody](t, w).RefreshToken != "" {
		t.Fatalf("basic client auth: %d %s", w.Code, w.Body)
	}
	req = newRequest("POST", "/v1/token", "grant_type=client_credentials")
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(id, "wrong")
	if pr := wantProblem(t, a.serve(req), http.StatusUnauthorized); pr.Error != "invalid_client" {
		t.Fatalf("wrong secret: %+v", pr)
	}
	// The secret is shown once: nothing lists it again, and it is not in
	// the log (newAPI's cleanup checks the log for it too).
	if strings.Contains(a.log.String(), secret) {
		t.Fatal("the client secret is in the log")
	}
}
