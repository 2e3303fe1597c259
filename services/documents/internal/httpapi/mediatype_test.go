package httpapi_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// A body of a type the route does not read is refused with 415 before it
// is parsed, and changes nothing.
func TestWrongContentType(t *testing.T) {
	e := testenv.New(t, storetest.OpenSQLite(t))
	c := client{t, e}
	var d doc
	c.expect("POST", "/v1/documents", "ubnd.cv", map[string]any{"kind": "directive", "summary": "x", "recipients": []string{id("SNV")}}, 201, &d)
	before := e.Count(t, "document_history") + e.Count(t, "attachments")
	tests := []struct {
		name, method, path, contentType, body string
	}{
		{"JSON route, text", "POST", "/v1/documents", "text/plain", `{"kind":"directive","summary":"y"}`},
		{"JSON route, form", "PATCH", "/v1/documents/" + d.ID, "application/x-www-form-urlencoded", "summary=y"},
		{"JSON route, multipart", "PATCH", "/v1/documents/" + d.ID, "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"summary\"\r\n\r\ny\r\n--b--\r\n"},
		{"JSON route, no type", "PATCH", "/v1/documents/" + d.ID, "", `{"summary":"y"}`},
		{"upload route, JSON", "POST", "/v1/documents/" + d.ID + "/attachments", "application/json", `{"file":"x"}`},
		{"upload route, no type", "POST", "/v1/documents/" + d.ID + "/attachments", "", "--b\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, e.Server.URL+tt.path, strings.NewReader(tt.body))
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			req.Header.Set("Authorization", "Bearer "+e.Token("ubnd.cv"))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnsupportedMediaType || resp.Header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("%d %s %s, want a 415 problem", resp.StatusCode, resp.Header.Get("Content-Type"), raw)
			}
		})
	}
	if e.Count(t, "document_history")+e.Count(t, "attachments") != before {
		t.Fatal("a refused body changed a document")
	}
}
