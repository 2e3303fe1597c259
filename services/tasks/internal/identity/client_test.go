package identity_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/identity"
)

func TestUnit(t *testing.T) {
	units := map[string]map[string]any{
		"ag":   {"id": "ag", "kind": "agency", "name": "Sở", "short_name": "S", "active": true},
		"div":  {"id": "div", "kind": "division", "parent_id": "ag", "agency_id": "ag", "short_name": "P"},
		"old":  {"id": "old", "kind": "division", "parent_id": "mid"}, // an identity that does not name agencies
		"mid":  {"id": "mid", "kind": "division", "parent_id": "ag"},
		"lost": {"id": "lost", "kind": "division", "parent_id": "gone"},
		"liar": {"id": "someone-else", "kind": "agency"},
		"bad":  {"id": "bad", "kind": "department", "agency_id": "bad"},
	}
	var tokens []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tokens = append(tokens, r.Header.Get("Authorization"))
		id := strings.TrimPrefix(r.URL.Path, "/v1/units/")
		if id == "boom" {
			http.Error(w, "boom", http.StatusInternalServerError)
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
	c := identity.New(srv.URL, srv.Client())
	ctx := auth.NewContext(context.Background(), auth.Principal{Subject: "u", Token: "tok"})

	tests := []struct {
		id       string
		agency   string
		notFound bool
		fails    bool
	}{
		{id: "ag", agency: "ag"},
		{id: "div", agency: "ag"},
		{id: "old", agency: "ag"},
		{id: "nope", notFound: true},
		{id: "lost", fails: true}, // its parent is missing: not "no such unit"
		{id: "liar", fails: true},
		{id: "bad", fails: true},
		{id: "boom", fails: true},
	}
	for _, tt := range tests {
		u, err := c.Unit(ctx, tt.id)
		switch {
		case tt.notFound:
			if !errors.Is(err, apperr.ErrNotFound) {
				t.Errorf("%s: err = %v, want not found", tt.id, err)
			}
		case tt.fails:
			if err == nil || errors.Is(err, apperr.ErrNotFound) {
				t.Errorf("%s: err = %v, want a plain failure", tt.id, err)
			}
		default:
			if err != nil || u.ID != tt.id || u.AgencyID != tt.agency {
				t.Errorf("%s: %+v, %v", tt.id, u, err)
			}
		}
	}
	if u, _ := c.Unit(ctx, "ag"); u.Kind != domain.UnitAgency || u.Name != "Sở" || u.ShortName != "S" || !u.Active {
		t.Errorf("ag = %+v", u)
	}
	for _, tok := range tokens {
		if tok != "Bearer tok" {
			t.Fatalf("forwarded %q, want the caller's token", tok)
		}
	}
}
