package identityapi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// TestAdminCalls: each call of administration sends its method, path, body and Idempotency-Key, and reads
// the answer (or the refusal) back.
func TestAdminCalls(t *testing.T) {
	var got struct{ method, path, body, key string }
	answer := `{}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		got.method, got.path, got.body, got.key = r.Method, r.URL.RequestURI(), string(raw), r.Header.Get("Idempotency-Key")
		if r.URL.Path == "/v1/units/busy/deactivate" {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusConflict)
			_, _ = w.Write([]byte(`{"status":409,"detail":"still used","current_status":"active","errors":[{"field":"users","message":"3 active user(s)"}]}`))
			return
		}
		_, _ = w.Write([]byte(answer))
	}))
	defer srv.Close()
	c := New(client.New(client.Endpoints{srv.URL, srv.URL, srv.URL, srv.URL}, staticToken("tok")))
	ctx := context.Background()
	name := "Phòng Báo chí"
	roles := []string{"leader"}
	tests := []struct {
		name                         string
		answer                       string
		call                         func() (string, error) // returns a field of the decoded answer
		method, path, body, key, out string
	}{
		{"create unit", `{"id":"u1","name":"Phòng A"}`, func() (string, error) {
			u, err := c.CreateUnit(ctx, NewUnit{Kind: "division", Name: "Phòng A", ShortName: "PA", ParentID: "p"})
			return u.ID, err
		}, "POST", "/v1/units", `{"kind":"division","name":"Phòng A","short_name":"PA","parent_id":"p"}`, "", "u1"},
		{"rename unit", `{"id":"u1","name":"Phòng Báo chí"}`, func() (string, error) {
			u, err := c.UpdateUnit(ctx, "u/1", UnitPatch{Name: &name})
			return u.Name, err
		}, "PATCH", "/v1/units/u%2F1", `{"name":"Phòng Báo chí"}`, "", name},
		{"deactivate unit", `{"id":"u1","active":false}`, func() (string, error) {
			u, err := c.DeactivateUnit(ctx, "u1")
			return u.ID, err
		}, "POST", "/v1/units/u1/deactivate", "", "", "u1"},
		{"users page", `{"items":[{"id":"a","active":true}],"next_cursor":"n"}`, func() (string, error) {
			p, err := c.Users(ctx, url.Values{"unit_id": {"u1"}, "cursor": {"c"}})
			return p.Items[0].ID + p.NextCursor, err
		}, "GET", "/v1/users?cursor=c&unit_id=u1", "", "", "an"},
		{"create user", `{"id":"p1","username":"a.b"}`, func() (string, error) {
			u, err := c.CreateUser(ctx, NewUser{Username: "a.b", FullName: "A", Email: "a@b.vn", UnitID: "u1", Roles: roles, Password: "0123456789x"})
			return u.Username, err
		}, "POST", "/v1/users", `{"username":"a.b","full_name":"A","email":"a@b.vn","unit_id":"u1","roles":["leader"],"password":"0123456789x"}`, "", "a.b"},
		{"change roles", `{"id":"p1","roles":["leader"]}`, func() (string, error) {
			u, err := c.UpdateUser(ctx, "p1", UserPatch{Roles: &roles})
			return u.Roles[0], err
		}, "PATCH", "/v1/users/p1", `{"roles":["leader"]}`, "", "leader"},
		{"deactivate user", `{}`, func() (string, error) { return "", c.DeactivateUser(ctx, "p1") },
			"POST", "/v1/users/p1/deactivate", "", "", ""},
		{"register client", `{"client_id":"c1","client_secret":"s"}`, func() (string, error) {
			cr, err := c.CreateClient(ctx, NewClient{Name: "Cổng", Scopes: []string{"tasks:read"}})
			return cr.ClientSecret, err
		}, "POST", "/v1/clients", `{"name":"Cổng","scopes":["tasks:read"]}`, "", "s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answer = tt.answer
			out, err := tt.call()
			if err != nil {
				t.Fatal(err)
			}
			if got.method != tt.method || got.path != tt.path || got.body != tt.body || got.key != tt.key {
				t.Errorf("sent %+v\nwant %s %s %s key %q", got, tt.method, tt.path, tt.body, tt.key)
			}
			if out != tt.out {
				t.Errorf("read %q, want %q", out, tt.out)
			}
		})
	}
	t.Run("refusal keeps the fields", func(t *testing.T) {
		_, err := c.DeactivateUnit(ctx, "busy")
		p, ok := err.(*client.Problem)
		if !ok || p.Status != http.StatusConflict || p.CurrentStatus != "active" || len(p.Errors) != 1 || p.Errors[0].Field != "users" {
			t.Fatalf("%#v", err)
		}
	})
}

type staticToken string

func (s staticToken) AccessToken(context.Context) (string, error) { return string(s), nil }
