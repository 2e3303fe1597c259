package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apidoc"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// The client generator nobody here wrote, and the runtime its code needs
// (both through the Go module proxy).
const (
	oapiCodegen = "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.8.2"
	oapiRuntime = "github.com/oapi-codegen/runtime v1.9.0"
)

// TestGeneratedClient is an integrator's first day: take the combined
// description the console serves at /api/openapi.json, generate a Go
// client from it with oapi-codegen, and through that client alone sign in,
// create an agency, a person in it and a draft, read the draft back and
// find it in the outgoing box. The APIs are reached where the description's
// server says, through a stand-in for the Ingress that routes each
// service's own paths (apidoc.RoutePrefixes of its /openapi.json) to it.
func TestGeneratedClient(t *testing.T) {
	var routes map[string]*url.URL // route prefix → service
	ingress := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		parts := strings.SplitN(r.URL.Path, "/", 4)
		target, ok := routes[strings.Join(parts[:min(3, len(parts))], "/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		httputil.NewSingleHostReverseProxy(target).ServeHTTP(w, r)
	}))
	ingressURL := "http://" + ingress.Listener.Addr().String()
	s := startStack(t, "EOFFICE_API_URL="+ingressURL, "EOFFICE_TASKS_PUBLIC_URL="+ingressURL)

	// Each service names its configured public URL, else its own address.
	routes = map[string]*url.URL{}
	for name, base := range map[string]string{"identity": s.identity, "documents": s.documents, "tasks": s.tasks,
		"notifications": s.notifications, "exchange": s.exchange} {
		raw := get(t, base+"/openapi.json")
		want := base
		if name == "tasks" {
			want = ingressURL
		}
		if got := serverOf(t, raw); got != want {
			t.Errorf("%s's /openapi.json names server %q, want %q", name, got, want)
		}
		leads, err := apidoc.RoutePrefixes(raw)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(base)
		for _, lead := range leads {
			routes[lead] = u
		}
	}
	ingress.Start()
	t.Cleanup(ingress.Close)

	combined := get(t, s.web+"/api/openapi.json")
	server := serverOf(t, combined)
	if server != ingressURL {
		t.Fatalf("the combined description names server %q, want EOFFICE_API_URL %q", server, ingressURL)
	}

	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("openapi.json", string(combined))
	write("go.mod", "module integrator\n\ngo 1.24\n\nrequire "+oapiRuntime+"\n")
	write("oapi-codegen.yaml", "package: main\noutput: client.gen.go\ngenerate:\n  models: true\n  client: true\n")
	program, err := os.ReadFile(filepath.Join("testdata", "genclient", "main.go.txt"))
	if err != nil {
		t.Fatal(err)
	}
	write("main.go", string(program))
	goCmd := func(env []string, args ...string) []byte {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		// A module of its own, as an integrator's would be: not this workspace.
		cmd.Env = append(os.Environ(), append([]string{"GOWORK=off", "GOFLAGS=-mod=mod"}, env...)...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return out
	}
	goCmd(nil, "run", oapiCodegen, "-config", "oapi-codegen.yaml", "openapi.json")
	goCmd(nil, "mod", "tidy")
	out := goCmd([]string{"API_SERVER=" + server, "ADMIN_PASSWORD=" + s.adminPassword}, "run", ".")

	var got struct {
		AgencyID, UserID, DocumentID, Status, Summary, IssuerUnitID string
		Listed                                                      []string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("the program printed %q: %v", out, err)
	}
	t.Logf("through the generated client: %+v", got)
	if got.DocumentID == "" || got.Status != "draft" || got.Summary != "Báo cáo kết quả chuyển đổi số quý IV" ||
		got.IssuerUnitID != got.AgencyID || !slices.Contains(got.Listed, got.DocumentID) {
		t.Errorf("the generated client read %+v", got)
	}
	// What it made is real: the project's own client reads the same draft.
	var doc documentsapi.Document
	must(t, http.StatusOK, "GET", s.documents+"/v1/documents/"+got.DocumentID,
		login(t, s.identity, "skhcn.chuyenvien", "Mat-khau-tich-hop-2026"), nil, &doc)
	if doc.Summary != got.Summary || doc.Drafter.UserID != got.UserID || doc.IssuerUnitID != got.AgencyID {
		t.Errorf("documents has %+v", doc)
	}
}

func get(t *testing.T, u string) []byte {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", u, resp.StatusCode, err)
	}
	return raw
}

func serverOf(t *testing.T, doc []byte) string {
	t.Helper()
	var d struct {
		OpenAPI string
		Servers []struct{ URL string }
	}
	if err := json.Unmarshal(doc, &d); err != nil || len(d.Servers) != 1 || d.OpenAPI != "3.1.0" {
		t.Fatalf("openapi %q, servers %+v: %v", d.OpenAPI, d.Servers, err)
	}
	return d.Servers[0].URL
}
