package cli

import (
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// exchangeFake answers the exchange routes and documents' routes of
// documents from outside; anything else goes to the four services' fake.
type exchangeFake struct {
	next http.Handler
	mu   sync.Mutex
	got  map[string]string // "METHOD path" → Content-Type|query|body
}

func (x *exchangeFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.Method + " " + r.URL.Path
	if !strings.HasPrefix(r.URL.Path, "/v1/exchange/") && key != "POST /v1/documents/incoming" &&
		!strings.HasPrefix(r.URL.Path, "/v1/documents/d7") {
		x.next.ServeHTTP(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		part, err := multipart.NewReader(strings.NewReader(string(body)), params["boundary"]).NextPart()
		if err == nil {
			content, _ := io.ReadAll(part)
			body = []byte(part.FileName() + "|" + part.Header.Get("Content-Type") + "|" + string(content))
		}
	}
	x.mu.Lock()
	x.got[key] = r.Header.Get("Content-Type") + "|" + r.URL.RawQuery + "|" + string(body)
	x.mu.Unlock()
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer tok-") {
		w.WriteHeader(401)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	answer := func(status int, s string) {
		w.WriteHeader(status)
		_, _ = io.WriteString(w, s)
	}
	switch {
	case key == "POST /v1/exchange/packages" && strings.Contains(string(body), "<Code/>"):
		w.Header().Set("Content-Type", "application/problem+json")
		answer(422, `{"status":422,"title":"Unprocessable Entity","detail":"package refused: the package has no Code"}`)
	case key == "POST /v1/exchange/packages":
		answer(202, `{"id":"p1","state":"accepted","document_id":"d7"}`)
	case key == "GET /v1/exchange/packages":
		answer(200, `{"items":[{"id":"p2","direction":"out","organisation_code":"000.00.00.G22","notation":"01/KH-STTTT","state":"refused","reason":"Sai thể thức","signature":"","document_id":"d1","updated_at":"2026-11-20T03:00:00Z"}]}`)
	case key == "GET /v1/exchange/packages/p1":
		answer(200, `{"id":"p1","direction":"in","organisation_code":"000.00.00.G22","organisation_name":"Bộ Thông tin và Truyền thông","notation":"125/BTTTT-CĐSQG","state":"accepted","signature":"valid","document_id":"d7","created_at":"2026-11-21T01:00:00Z",
			"files":[{"index":0,"name":"125.pdf","content_type":"application/pdf","size":4096,"sha256":"ab","signature":"valid"}],
			"statuses":[{"code":"01","name":"arrived","direction":"sent","at":"2026-11-21T01:00:00Z"}]}`)
	case key == "GET /v1/exchange/packages/p1/edxml":
		w.Header().Set("Content-Type", "application/xml")
		answer(200, "<edXMLEnvelope>p1</edXMLEnvelope>")
	case key == "GET /v1/exchange/organisations/000.00.00.G22":
		answer(200, `{"code":"000.00.00.G22","name":"Bộ Thông tin và Truyền thông"}`)
	case key == "GET /v1/exchange/organisations" && r.URL.Query().Get("q") == "":
		answer(200, `{"items":[{"code":"000.00.00.G22","name":"Bộ Thông tin và Truyền thông","email":"vanthu@mic.gov.vn"},{"code":"000.00.00.H41","name":"Ủy ban nhân dân tỉnh Lâm Đồng"}]}`)
	case key == "GET /v1/exchange/organisations":
		answer(200, `{"items":[{"code":"000.00.00.H41","name":"Ủy ban nhân dân tỉnh Lâm Đồng"}]}`)
	case key == "POST /v1/exchange/organisations/import":
		answer(200, `{"imported":2}`)
	case key == "POST /v1/documents/incoming":
		answer(201, `{"id":"d7","kind":"official_letter","status":"issued","summary":"Về việc cắt điện","channel":"paper","sender":{"name":"Công ty Điện lực"},"receipt":{"agency_id":"u2","status":"registered","incoming_number":58}}`)
	case key == "POST /v1/documents/d7/attachments":
		answer(201, `{"id":"a1","filename":"scan.pdf"}`)
	case key == "POST /v1/documents/d7/refuse":
		answer(200, `{"id":"d7","kind":"official_letter","status":"issued","summary":"Về việc cắt điện","channel":"exchange","receipt":{"agency_id":"u2","status":"refused"}}`)
	case key == "GET /v1/documents/d7":
		answer(200, `{"id":"d7","kind":"official_letter","status":"issued","summary":"Về việc cắt điện","channel":"paper","sender":{"name":"Công ty Điện lực"},"original_date":"2026-11-19","receipt":{"agency_id":"u2","status":"registered","incoming_number":58},"attachments":[{"id":"a1","filename":"scan.pdf"}]}`)
	default:
		answer(404, `{"status":404,"title":"Not Found"}`)
	}
}

func (x *exchangeFake) sent(key string) string {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.got[key]
}

// newExchangeEnv is newEnv with every service, exchange too, behind
// exchangeFake.
func newExchangeEnv(t *testing.T) (*env, *exchangeFake) {
	e := newEnv(t)
	x := &exchangeFake{next: e.fake, got: map[string]string{}}
	srv := httptest.NewServer(x)
	t.Cleanup(srv.Close)
	for _, s := range []string{"IDENTITY", "DOCUMENTS", "TASKS", "NOTIFICATIONS", "EXCHANGE"} {
		e.vars["EOFFICE_"+s+"_URL"] = srv.URL
	}
	e.login()
	return e, x
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestExchangeImport: an accepted package prints its id, state and
// document; a refused one its reason, with exit status 1.
func TestExchangeImport(t *testing.T) {
	e, x := newExchangeEnv(t)
	file := writeFile(t, "goi.edxml", "<edXMLEnvelope>ok</edXMLEnvelope>")
	code, out, stderr := e.run("", "exchange", "import", file)
	if code != 0 || out != "gói tin:    p1\ntrạng thái: Đã nhận\nvăn bản:    d7\n" {
		t.Fatalf("exit %d, %q %q", code, out, stderr)
	}
	if got := x.sent("POST /v1/exchange/packages"); got != "application/xml||<edXMLEnvelope>ok</edXMLEnvelope>" {
		t.Fatalf("posted %q", got)
	}
	code, out, stderr = e.run("<edXMLEnvelope><Code/></edXMLEnvelope>", "exchange", "import", "-")
	if code != 1 || out != "" || stderr != "eoffice: gói tin bị từ chối: the package has no Code\n" {
		t.Fatalf("refused: exit %d, %q %q", code, out, stderr)
	}
	code, out, _ = e.run("<edXMLEnvelope><Code/></edXMLEnvelope>", "exchange", "import", "-", "--json")
	if code != 1 || !strings.Contains(out, `"reason": "the package has no Code"`) {
		t.Fatalf("refused --json: %d %q", code, out)
	}
}

// TestExchangePackagesAndGet: the package list with its filters, one
// package with its files and statuses, and its edXML saved to a file.
func TestExchangePackagesAndGet(t *testing.T) {
	e, x := newExchangeEnv(t)
	e.vars["EOFFICE_LANG"] = "en"
	code, out, stderr := e.run("", "exchange", "packages", "--out", "--document", "01/KH-STTTT", "--state", "refused")
	if code != 0 || !strings.Contains(out, "p2  Outgoing package  000.00.00.G22  01/KH-STTTT  Refused  -          d1        20/11/2026 10:00  Sai thể thức") {
		t.Fatalf("exit %d:\n%s%s", code, out, stderr)
	}
	if got := x.sent("GET /v1/exchange/packages"); got != "|direction=out&document_id=d1&limit=500&state=refused|" {
		t.Fatalf("asked %q", got)
	}
	if code, _, stderr := e.run("", "exchange", "packages", "--in", "--out"); code != 2 || !strings.Contains(stderr, "not both") {
		t.Fatalf("--in --out: %d %q", code, stderr)
	}

	saved := filepath.Join(t.TempDir(), "p1.edxml")
	code, out, stderr = e.run("", "exchange", "get", "p1", "--edxml", saved)
	for _, w := range []string{"organisation: Bộ Thông tin và Truyền thông (000.00.00.G22)", "signature:    Valid", "125.pdf", "21/11/2026 08:00  01    Delivered  Sent"} {
		if code != 0 || !strings.Contains(out, w) {
			t.Fatalf("get lacks %q: exit %d\n%s%s", w, code, out, stderr)
		}
	}
	if raw, err := os.ReadFile(saved); err != nil || string(raw) != "<edXMLEnvelope>p1</edXMLEnvelope>" {
		t.Fatalf("saved %q %v", raw, err)
	}
	if code, out, _ := e.run("", "exchange", "get", "p1", "--edxml", "-"); code != 0 || out != "<edXMLEnvelope>p1</edXMLEnvelope>" {
		t.Fatalf("to stdout: %d %q", code, out)
	}
	if code, _, stderr := e.run("", "exchange", "get", "p404"); code != 1 || !strings.Contains(stderr, "404 Not Found") {
		t.Fatalf("unknown package: %d %q", code, stderr)
	}
}

// TestExchangeOrgs: the directory as a table, and a CSV import.
func TestExchangeOrgs(t *testing.T) {
	e, x := newExchangeEnv(t)
	code, out, _ := e.run("", "exchange", "orgs")
	if code != 0 || !strings.Contains(out, "000.00.00.G22  Bộ Thông tin và Truyền thông   -                 vanthu@mic.gov.vn") {
		t.Fatalf("orgs: %d\n%s", code, out)
	}
	csv := "code,name,parent_code,address,email\n000.00.00.H58,UBND tỉnh Ninh Thuận,,,\n"
	code, out, _ = e.run(csv, "exchange", "orgs", "import", "-")
	if code != 0 || out != "đã nạp 2 cơ quan\n" || x.sent("POST /v1/exchange/organisations/import") != "text/csv||"+csv {
		t.Fatalf("import: %d %q, sent %q", code, out, x.sent("POST /v1/exchange/organisations/import"))
	}
}

// TestDocsRegisterPaper: the sender is matched to the directory (by code
// or name) or sent by name; the scans are uploaded after; missing flags
// send nothing.
func TestDocsRegisterPaper(t *testing.T) {
	e, x := newExchangeEnv(t)
	e.vars["EOFFICE_LANG"] = "en"
	scan := writeFile(t, "scan.pdf", "%PDF-1.4 bản quét")
	tests := []struct{ sender, want string }{
		{"000.00.00.G22", `"sender":{"organisation_code":"000.00.00.G22","name":"Bộ Thông tin và Truyền thông"}`},
		{"ủy ban nhân dân tỉnh lâm đồng", `"sender":{"organisation_code":"000.00.00.H41","name":"Ủy ban nhân dân tỉnh Lâm Đồng"}`},
		{"Công ty Điện lực", `"sender":{"name":"Công ty Điện lực"}`},
	}
	for _, tt := range tests {
		code, out, stderr := e.run("", "docs", "register-paper", "--sender", tt.sender, "--notation", "88/PCKH-KD", "--date", "2026-11-19",
			"--summary", "Về việc cắt điện", "--pages", "2", "--file", scan)
		if code != 0 || !strings.Contains(out, "Registered, incoming no. 58") || !strings.Contains(out, "issuer:        Công ty Điện lực\n") || !strings.Contains(out, "channel:       Paper\n") {
			t.Fatalf("%s: exit %d\n%s%s", tt.sender, code, out, stderr)
		}
		want := "application/json||{" + tt.want + `,"original_notation":"88/PCKH-KD","original_date":"2026-11-19","kind":"official_letter","summary":"Về việc cắt điện","pages":2}`
		if got := x.sent("POST /v1/documents/incoming"); got != want {
			t.Fatalf("posted %s\nwant   %s", got, want)
		}
	}
	if got := x.sent("POST /v1/documents/d7/attachments"); !strings.HasSuffix(got, "|scan.pdf|application/pdf|%PDF-1.4 bản quét") {
		t.Fatalf("attached %q", got)
	}
	delete(x.got, "POST /v1/documents/incoming")
	code, _, stderr := e.run("", "docs", "register-paper", "--sender", "X", "--file", scan)
	if code != 2 || !strings.Contains(stderr, "--date, --notation, --summary required") || x.sent("POST /v1/documents/incoming") != "" {
		t.Fatalf("missing flags: %d %q", code, stderr)
	}
	code, _, stderr = e.run("", "docs", "register-paper", "--sender", "X", "--notation", "1/X", "--date", "2026-11-19", "--summary", "S", "--file", scan+".none")
	if code != 1 || !strings.Contains(stderr, "no such file") || x.sent("POST /v1/documents/incoming") != "" {
		t.Fatalf("missing file: %d %q", code, stderr)
	}
	if code, _, stderr := e.run("", "docs", "refuse", "d7"); code != 2 || !strings.Contains(stderr, "--reason is required") {
		t.Fatalf("refuse without reason: %d %q", code, stderr)
	}
	code, out, _ := e.run("", "docs", "refuse", "d7", "--reason", "Gửi nhầm")
	if code != 0 || !strings.Contains(out, "Refused") || x.sent("POST /v1/documents/d7/refuse") != `application/json||{"reason":"Gửi nhầm"}` {
		t.Fatalf("refuse: %d %q, sent %q", code, out, x.sent("POST /v1/documents/d7/refuse"))
	}
}
