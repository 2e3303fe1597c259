package httpapi

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// TestOpenAPI: the document describes exactly the routes served, and its
// kinds are the domain's table.
func TestOpenAPI(t *testing.T) {
	var spec struct {
		OpenAPI    string                                `json:"openapi"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]struct {
				Enum []string `json:"enum"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(documentsapi.OpenAPI, &spec); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(spec.OpenAPI, "3.") {
		t.Fatalf("openapi %q", spec.OpenAPI)
	}
	var got []string
	for path, ops := range spec.Paths {
		for method := range ops {
			got = append(got, strings.ToUpper(method)+" "+path)
		}
	}
	sort.Strings(got)
	want := []string{
		"GET /v1/documents", "GET /v1/documents/{id}", "GET /v1/documents/{id}/history",
		"POST /v1/documents", "POST /v1/documents/{id}/approve", "POST /v1/documents/{id}/issue",
		"POST /v1/documents/{id}/reject", "POST /v1/documents/{id}/submit",
		"PATCH /v1/documents/{id}", "POST /v1/documents/{id}/revoke", "POST /v1/documents/{id}/register",
		"POST /v1/documents/{id}/direct", "POST /v1/documents/{id}/consolidated-report",
		"POST /v1/documents/{id}/attachments", "GET /v1/documents/{id}/attachments/{aid}",
		"POST /v1/documents/{id}/copies", "GET /v1/documents/{id}/copies",
		"DELETE /v1/documents/{id}/attachments/{aid}",
		"GET /v1/authorisations", "POST /v1/authorisations", "POST /v1/authorisations/{id}/revoke",
		"GET /v1/agencies/{id}/signing-rules", "PUT /v1/agencies/{id}/signing-rules",
		"GET /v1/documents/{id}/pdf", "GET /v1/documents/{id}/signatures",
		"GET /v1/documents/{id}/attachments/{aid}/signatures",
		"PUT /v1/signature-images/{owner}", "GET /v1/signature-images/{owner}",
		"PUT /v1/seal-images/{owner}", "GET /v1/seal-images/{owner}",
		"POST /v1/documents/incoming", "POST /v1/documents/{id}/refuse",
		"POST /v1/documents/{id}/forward", "POST /v1/documents/{id}/propose", "POST /v1/documents/{id}/assign",
		"POST /v1/documents/{id}/return", "POST /v1/documents/{id}/read",
		"GET /v1/registers/{book}", "GET /v1/statistics/documents",
	}
	sort.Strings(want)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("paths %v, want %v", got, want)
	}
	// Kind is what a drafter may draft; DocumentKind adds the copy.
	var kinds, all []string
	for _, k := range domain.Kinds() {
		all = append(all, string(k.Kind))
		if k.Kind.Draftable() {
			kinds = append(kinds, string(k.Kind))
		}
	}
	if fmt.Sprint(spec.Components.Schemas["Kind"].Enum) != fmt.Sprint(kinds) {
		t.Fatalf("Kind enum %v, want %v", spec.Components.Schemas["Kind"].Enum, kinds)
	}
	if fmt.Sprint(spec.Components.Schemas["DocumentKind"].Enum) != fmt.Sprint(all) {
		t.Fatalf("DocumentKind enum %v, want %v", spec.Components.Schemas["DocumentKind"].Enum, all)
	}
}
