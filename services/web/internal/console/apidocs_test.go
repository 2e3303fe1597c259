package console

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestAPIReference: /api renders the combined description for anyone (no
// sign-in), grouped by service with each operation's method, path,
// summary, parameters, bodies, responses and security; /api/openapi.json is
// the description itself, with the configured server.
func TestAPIReference(t *testing.T) {
	b := newBrowser(t, func(c *Config) { c.APIURL = "https://eoffice.example.gov.vn" })
	p := b.get("/api")
	if p.status != http.StatusOK {
		t.Fatalf("/api: %d", p.status)
	}
	for _, want := range []string{
		"<h1>Tài liệu API cho tích hợp</h1>", "<code>https://eoffice.example.gov.vn</code>",
		`<a href="#tag-identity"><strong>identity</strong></a>`, `<h2>Dịch vụ <code>tasks</code></h2>`,
		// an operation: method, path, summary, operationId, security, scope
		`<span class="api-method api-GET">GET</span> <code class="api-path">/v1/tasks/{id}</code>`,
		`<code>getTask</code>`, "Cần token (<code>bearer</code>)", "Phạm vi cho ứng dụng tích hợp: <code>tasks:read</code>",
		// the token route is public and takes a form or JSON
		`id="op-issueToken"`, "Công khai, không cần token", "<code>application/x-www-form-urlencoded</code>",
		// parameters, request body, responses linked to their schemas
		"<h4>Tham số (parameters)</h4>", "<code>cursor</code>", "<h4>Nội dung yêu cầu (request body) <span class=\"api-req\">bắt buộc</span></h4>",
		`<a href="#schema-CreateDocument"><code>CreateDocument</code></a>`, `<code>application/problem&#43;json</code> <a href="#schema-Problem"><code>Problem</code></a>`,
		// schemas with their properties
		`<article class="card api-schema" id="schema-CreateDocument">`, "<code>recipients</code> <span class=\"api-req\">bắt buộc</span>",
	} {
		if !strings.Contains(p.body, want) {
			t.Errorf("/api lacks %q", want)
		}
	}
	if strings.Contains(p.body, "/healthz") || strings.Contains(p.body, "/v1/console/") {
		t.Error("/api lists routes the Ingress does not publish")
	}
	j := b.get("/api/openapi.json")
	var doc struct {
		OpenAPI string
		Servers []struct{ URL string }
		Paths   map[string]any
	}
	if err := json.Unmarshal([]byte(j.body), &doc); err != nil || j.header.Get("Content-Type") != "application/json" {
		t.Fatalf("/api/openapi.json: %v, %s", err, j.header.Get("Content-Type"))
	}
	if doc.OpenAPI != "3.1.0" || len(doc.Servers) != 1 || doc.Servers[0].URL != "https://eoffice.example.gov.vn" || doc.Paths["/v1/documents"] == nil {
		t.Errorf("openapi %q, servers %+v, %d paths", doc.OpenAPI, doc.Servers, len(doc.Paths))
	}
}

func TestCodeSpans(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"send `Authorization: Bearer <token>` here", "send <code>Authorization: Bearer &lt;token&gt;</code> here"},
		{"no code & <b>", "no code &amp; &lt;b&gt;"},
		{"an `odd one", "an <code>odd one</code>"},
	} {
		if got := string(codeSpans(tt.in)); got != tt.want {
			t.Errorf("codeSpans(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
