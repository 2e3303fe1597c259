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
