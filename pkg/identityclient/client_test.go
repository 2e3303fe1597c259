package identityclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestUnit(t *testing.T) {
	// Identity's answers as it writes them (null for absent ids); those
	// without "active" count as active.
	units := map[string]string{
		"ubnd": `{"id":"ubnd","kind":"agency","short_name":"UBND","code":null,"parent_id":null,"agency_id":"ubnd","active":true,
			"place_name":"Khánh Hòa","regime":"collective","head_title":"Chủ tịch","collective_name":"Ủy ban nhân dân"}`,
		"vp":     `{"id":"vp","kind":"division","parent_id":"ubnd","agency_id":"ubnd","place_name":null,"regime":null}`,
		"team":   `{"id":"team","kind":"division","parent_id":"vp","active":null}`, // agency not said: walk up
		"closed": `{"id":"closed","kind":"agency","active":false}`,
		"orphan": `{"id":"orphan","kind":"division"}`,
		"liar":   `{"id":"someone-else","kind":"agency"}`,
	}
	var calls, authed atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.Header.Get("Authorization") == "Bearer tok" {
			authed.Add(1)
		}
		id := strings.TrimPrefix(r.URL.Path, "/v1/units/")
		if id == "down" {
			http.Error(w, "boom", http.StatusBadGateway)
			return
		}
		u, ok := units[id]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(u))
	}))
	defer srv.Close()
	c := New(srv.URL+"/", srv.Client())
	tests := []struct {
		id           string
		wantAgency   string
		wantInactive bool
		wantErr      error
		anyErr       bool
	}{
		{"ubnd", "ubnd", false, nil, false},
		{"vp", "ubnd", false, nil, false},
		{"team", "ubnd", false, nil, false},
		{"closed", "closed", true, nil, false},
		{"nope", "", false, ErrUnknownUnit, true},
		{"orphan", "", false, nil, true},
		{"liar", "", false, nil, true},
		{"down", "", false, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			u, err := c.Unit(context.Background(), "tok", tt.id)
			if tt.anyErr {
				if err == nil || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if tt.id == "down" && errors.Is(err, ErrUnknownUnit) {
					t.Fatal("an unreachable identity is not an unknown unit")
				}
				return
			}
			if err != nil || u.AgencyID != tt.wantAgency || u.Active == tt.wantInactive {
				t.Fatalf("got %+v, %v", u, err)
			}
			if tt.id == "ubnd" && (u.PlaceName != "Khánh Hòa" || u.Regime != "collective" || u.HeadTitle != "Chủ tịch" ||
				u.CollectiveName != "Ủy ban nhân dân" || u.Code != "" || u.ParentID != "") {
				t.Fatalf("agency facts: %+v", u)
			}
		})
	}
	if authed.Load() != calls.Load() {
		t.Fatalf("%d of %d calls carried the caller's token", authed.Load(), calls.Load())
	}
}

func TestUser(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok" {
			http.Error(w, "no token", http.StatusUnauthorized)
			return
		}
		switch r.URL.Path {
		case "/v1/users/cv":
			_, _ = w.Write([]byte(`{"id":"cv","username":"cv","full_name":"Chuyên viên","unit_id":"vp","agency_id":"ubnd","roles":["specialist"],"active":false,"position":"deputy"}`))
		case "/v1/users/liar":
			_, _ = w.Write([]byte(`{"id":"someone-else"}`))
		case "/v1/users/down":
			http.Error(w, "boom", http.StatusBadGateway)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c := New(srv.URL, srv.Client())
	u, err := c.User(context.Background(), "tok", "cv")
	if err != nil || u.UnitID != "vp" || u.AgencyID != "ubnd" || u.Active || u.FullName != "Chuyên viên" ||
		u.Position != "deputy" {
		t.Fatalf("cv: %+v %v", u, err)
	}
	if _, err := c.User(context.Background(), "tok", "nope"); !errors.Is(err, ErrUnknownUser) {
		t.Fatalf("nope: %v, want ErrUnknownUser", err)
	}
	for _, id := range []string{"liar", "down"} {
		if _, err := c.User(context.Background(), "tok", id); err == nil || errors.Is(err, ErrUnknownUser) {
			t.Fatalf("%s: %v, want a plain error", id, err)
		}
	}
}
