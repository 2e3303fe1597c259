package identityclient

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func TestUnit(t *testing.T) {
	units := map[string]Unit{
		"ubnd":   {ID: "ubnd", Kind: "agency", ShortName: "UBND"},
		"vp":     {ID: "vp", Kind: "division", ParentID: "ubnd", AgencyID: "ubnd"},
		"team":   {ID: "team", Kind: "division", ParentID: "vp"}, // agency not said: walk up
		"orphan": {ID: "orphan", Kind: "division"},
		"liar":   {ID: "someone-else", Kind: "agency"},
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
		_ = json.NewEncoder(w).Encode(u)
	}))
	defer srv.Close()
	c := New(srv.URL+"/", srv.Client())
	tests := []struct {
		id         string
		wantAgency string
		wantErr    error
		anyErr     bool
	}{
		{"ubnd", "ubnd", nil, false},
		{"vp", "ubnd", nil, false},
		{"team", "ubnd", nil, false},
		{"nope", "", ErrUnknownUnit, true},
		{"orphan", "", nil, true},
		{"liar", "", nil, true},
		{"down", "", nil, true},
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
			if err != nil || u.AgencyID != tt.wantAgency || !u.IsActive() {
				t.Fatalf("got %+v, %v", u, err)
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
			_, _ = w.Write([]byte(`{"id":"cv","username":"cv","full_name":"Chuyên viên","unit_id":"vp","agency_id":"ubnd","roles":["specialist"],"active":false}`))
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
	if err != nil || u.UnitID != "vp" || u.AgencyID != "ubnd" || u.Active || u.FullName != "Chuyên viên" {
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
