package httpapi_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/httpapi"
)

// routes are every route the handler serves.
var routes = []struct {
	method, path string
	public       bool
}{
	{"POST", "/v1/token", true},
	{"POST", "/v1/token/revoke", true},
	{"GET", "/.well-known/jwks.json", true},
	{"POST", "/v1/units", false},
	{"GET", "/v1/units", false},
	{"GET", "/v1/units/{id}", false},
	{"POST", "/v1/users", false},
	{"GET", "/v1/users", false},
	{"GET", "/v1/me", false},
	{"PATCH", "/v1/units/{id}", false},
	{"POST", "/v1/units/{id}/deactivate", false},
	{"GET", "/v1/users/{id}", false},
	{"PATCH", "/v1/users/{id}", false},
	{"POST", "/v1/users/{id}/deactivate", false},
	{"POST", "/v1/me/password", false},
	{"POST", "/v1/clients", false},
	{"PATCH", "/v1/clients/{id}", false},
	{"POST", "/v1/clients/{id}/deactivate", false},
	{"POST", "/v1/keys/rotate", false},
	{"POST", "/v1/console/sessions", false},
	{"POST", "/v1/console/sessions/resolve", false},
	{"POST", "/v1/console/sessions/end", false},
}

func TestEveryV1RouteNeedsAToken(t *testing.T) {
	a := newAPI(t, storetest.OpenSQLite(t))
	for _, r := range routes {
		if r.public {
			continue
		}
		path := strings.ReplaceAll(r.path, "{id}", "x")
		for _, token := range []string{"", "garbage", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."} {
			var body any
			if r.method == "POST" || r.method == "PATCH" {
				body = map[string]any{}
			}
			p := wantProblem(t, a.call(r.method, path, token, body), http.StatusUnauthorized)
			if p.Detail == "" {
				t.Errorf("%s %s: no detail", r.method, path)
			}
		}
	}
}

func TestUnknownRoute(t *testing.T) {
	a := newAPI(t, storetest.OpenSQLite(t))
	wantProblem(t, a.call("GET", "/v1/nothing", "", nil), http.StatusNotFound)
	wantProblem(t, a.call("DELETE", "/v1/units", "", nil), http.StatusNotFound)
}

func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(identityapi.OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	n := 0
	for _, ops := range doc.Paths {
		n += len(ops)
	}
	if n != len(routes) {
		t.Errorf("the document has %d operations, the handler %d routes", n, len(routes))
	}
	for _, r := range routes {
		raw, ok := doc.Paths[r.path][strings.ToLower(r.method)]
		if !ok {
			t.Errorf("%s %s is not documented", r.method, r.path)
			continue
		}
		var op struct {
			Security  *[]any                     `json:"security"`
			Responses map[string]json.RawMessage `json:"responses"`
		}
		if err := json.Unmarshal(raw, &op); err != nil {
			t.Fatal(err)
		}
		if public := op.Security != nil && len(*op.Security) == 0; public != r.public {
			t.Errorf("%s %s: documented public = %v", r.method, r.path, public)
		}
		if _, ok := op.Responses["401"]; !r.public && !ok {
			t.Errorf("%s %s: 401 not documented", r.method, r.path)
		}
	}
}

// The routes svc lets through without a bearer token (httpapi.Anonymous)
// are exactly the public ones: a public route left out would answer 401
// before its endpoint runs, a protected one listed would read bodies of
// anyone.
func TestAnonymousRoutesArePublic(t *testing.T) {
	var public []string
	for _, r := range routes {
		if r.public {
			public = append(public, r.method+" "+r.path)
		}
	}
	slices.Sort(public)
	anon := slices.Sorted(slices.Values(httpapi.Anonymous))
	if !slices.Equal(public, anon) {
		t.Fatalf("anonymous routes %v, public routes %v", anon, public)
	}
}
