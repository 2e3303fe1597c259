package httpapi_test

import (
	"encoding/json"
	"testing"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/httpapi"
)

func TestOpenAPIDescribesRoutes(t *testing.T) {
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(httpapi.OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI == "" {
		t.Fatal("no openapi version")
	}
	for path, method := range map[string]string{"/v1/tasks": "get", "/v1/tasks/{id}": "get", "/healthz": "get", "/readyz": "get", "/metrics": "get", "/openapi.json": "get",
		"/v1/tasks/{id}/accept": "post", "/v1/tasks/{id}/delegate": "post", "/v1/tasks/{id}/reports": "post",
		"/v1/tasks/{id}/reports/{report_id}/review": "post", "/v1/tasks/{id}/extension": "post",
		"/v1/tasks/{id}/extension/decision": "post", "/v1/plans/{id}/progress": "get", "/v1/stats/units": "get"} {
		if _, ok := doc.Paths[path][method]; !ok {
			t.Errorf("%s %s is not described", method, path)
		}
	}
}
