package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// checkMatrixCoversOpenAPI fails for every /v1 operation a service
// publishes in its openapi.json that the matrix does not state, so a new
// route cannot ship without its authorization row.
func checkMatrixCoversOpenAPI(t *testing.T, s *stack, rows []authzRow) {
	t.Helper()
	stated := map[string]bool{}
	for _, r := range rows {
		stated[r.route] = true
	}
	for _, base := range []string{s.identity, s.documents, s.tasks, s.notifications, s.exchange} {
		resp, err := httpClient.Get(base + "/openapi.json")
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Paths map[string]map[string]json.RawMessage `json:"paths"`
		}
		err = json.NewDecoder(resp.Body).Decode(&doc)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s/openapi.json: %d %v", base, resp.StatusCode, err)
		}
		for path, ops := range doc.Paths {
			if !strings.HasPrefix(path, "/v1/") {
				continue
			}
			for method := range ops {
				switch method {
				case "get", "post", "put", "patch", "delete":
				default:
					continue // parameters, summary, …
				}
				route := strings.ToUpper(method) + " " + path
				if !stated[route] {
					t.Errorf("%s (%s) has no row in the authorization matrix", route, base)
				}
				checkClientScopeDocumented(t, route, ops[method])
			}
		}
	}
}

// checkClientScopeDocumented holds an operation's x-client-scope (the scope
// an integration client needs; "none": no client may call it) to the
// matrix's clientScopes.
func checkClientScopeDocumented(t *testing.T, route string, raw json.RawMessage) {
	t.Helper()
	var op struct {
		Scope    string `json:"x-client-scope"`
		Security *[]any `json:"security"`
	}
	_ = json.Unmarshal(raw, &op)
	if op.Security != nil && len(*op.Security) == 0 {
		return // public: no token, no scope
	}
	want := "none"
	if need := clientScopes[route]; len(need) > 0 {
		want = need[0]
	}
	if op.Scope != want {
		t.Errorf("%s: openapi.json says x-client-scope %q, the matrix %q", route, op.Scope, want)
	}
}
