package apis

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apidoc"
)

// TestOpenAPI: the combined description of the real services has every
// operation named and summarised once, under its service's prefix and tag,
// with one security scheme, and every $ref points at a component it has.
func TestOpenAPI(t *testing.T) {
	raw, err := OpenAPI("https://eoffice.example.vn")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			OperationID string   `json:"operationId"`
			Summary     string   `json:"summary"`
			Tags        []string `json:"tags"`
		} `json:"paths"`
		Components map[string]map[string]json.RawMessage `json:"components"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" || len(doc.Components["securitySchemes"]) != 1 || doc.Components["securitySchemes"][apidoc.SchemeName] == nil {
		t.Fatalf("openapi %q, security schemes %v", doc.OpenAPI, doc.Components["securitySchemes"])
	}
	ids := map[string]string{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			at := method + " " + path
			if op.OperationID == "" || op.Summary == "" {
				t.Errorf("%s: operationId %q, summary %q", at, op.OperationID, op.Summary)
			}
			if prev, dup := ids[op.OperationID]; dup {
				t.Errorf("%s: operationId %q also on %s", at, op.OperationID, prev)
			}
			ids[op.OperationID] = at
			if apidoc.Internal(path) {
				t.Errorf("%s: the Ingress does not publish it", at)
			}
			if len(op.Tags) == 0 || !strings.HasPrefix(path, prefix(op.Tags[0])+"/") {
				t.Errorf("%s: tags %v", at, op.Tags)
			}
		}
	}
	for _, m := range regexp.MustCompile(`"\$ref": "#/components/(\w+)/(\w+)"`).FindAllStringSubmatch(string(raw), -1) {
		if doc.Components[m[1]][m[2]] == nil {
			t.Errorf("$ref to a missing %s/%s", m[1], m[2])
		}
	}
}

func prefix(service string) string {
	for _, s := range apidoc.Services {
		if s.Name == service {
			return s.Prefix
		}
	}
	return "(none)"
}
