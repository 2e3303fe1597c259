package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	kitendpoint "github.com/go-kit/kit/endpoint"
	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/auth/authtest"
	"github.com/eoffice-vn/eoffice/pkg/blobs"
	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/store"
)

const ourCode = "000.00.00.H41"

var people = map[string]auth.Principal{
	"admin":   {Subject: "admin", Roles: []string{auth.RoleAdmin}},
	"clerk":   {Subject: "clerk", AgencyID: "ubnd", Roles: []string{auth.RoleClerk}},
	"clerk2":  {Subject: "clerk2", AgencyID: "ubnd2", Roles: []string{auth.RoleClerk}},
	"viewer":  {Subject: "viewer", AgencyID: "ubnd", Roles: []string{"specialist"}},
	"reader":  {Subject: "reader", ClientID: "reader", Scopes: []string{auth.ScopeExchangeRead}},
	"gateway": {Subject: "gateway", ClientID: "gateway", Scopes: []string{auth.ScopeExchangeWrite, auth.ScopeExchangeRead}},
}

type api struct {
	t      *testing.T
	srv    *httptest.Server
	tokens map[string]string
}

func newAPI(t *testing.T) *api {
	t.Helper()
	ctx := context.Background()
	db := storetest.OpenSQLite(t)
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
		for _, u := range []identityview.Unit{{ID: "ubnd", Code: ourCode, Name: "UBND tỉnh Nghệ An"}, {ID: "ubnd2", Code: "000.00.00.H42", Name: "UBND tỉnh Hà Tĩnh"}} {
			u.Kind, u.Active = identityview.KindAgency, true
			if _, err := identityview.PutUnit(ctx, tx, u, identityview.Version{Time: time.Unix(1, 0)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s := store.New(db, messaging.NewOutbox(db, messaging.OutboxConfig{Brokers: []string{"127.0.0.1:1"}}))
	a := app.New(app.Deps{Store: s, Blobs: blobs.Files{Dir: t.TempDir()}})
	iss := authtest.NewIssuer(t)
	mw := func(string) kitendpoint.Middleware {
		return kitendpoint.Chain(auth.Middleware(iss.Verifier()), httpx.RejectUndecodable)
	}
	h := httpapi.NewHandler(endpoint.New(a, mw), kithttp.ServerBefore(auth.HTTPToContext()), kithttp.ServerErrorEncoder(httpx.ErrorEncoder))
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	tokens := map[string]string{}
	for name, p := range people {
		tokens[name] = iss.Token(p)
	}
	return &api{t: t, srv: srv, tokens: tokens}
}

// do sends a request as who ("" for none) and answers the status and body.
func (a *api) do(who, method, path, contentType, body string) (int, string) {
	a.t.Helper()
	req, err := http.NewRequest(method, a.srv.URL+path, strings.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+a.tokens[who])
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 400 && !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") {
		a.t.Errorf("%s %s: %d answered as %s", method, path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return resp.StatusCode, string(b)
}

const jsonCT, csvCT, xmlCT = "application/json", "text/csv", "application/xml"

func TestDirectoryProblems(t *testing.T) {
	a := newAPI(t)
	if code, body := a.do("admin", "POST", "/v1/exchange/organisations", jsonCT, `{"code":"000.00.00.G22","name":"Văn phòng Chính phủ"}`); code != 201 {
		t.Fatalf("create = %d %s", code, body)
	}
	for _, tc := range []struct {
		name, who, method, path, ct, body string
		status                            int
		detail                            string
	}{
		{"no token", "", "GET", "/v1/exchange/organisations", "", "", 401, ""},
		{"clerk writes", "clerk", "POST", "/v1/exchange/organisations", jsonCT, `{"code":"000.00.00.H49","name":"X"}`, 403, ""},
		{"client writes", "gateway", "POST", "/v1/exchange/organisations", jsonCT, `{"code":"000.00.00.H49","name":"X"}`, 403, ""},
		{"bad code", "admin", "POST", "/v1/exchange/organisations", jsonCT, `{"code":"H49","name":"X"}`, 400, "code"},
		{"no name", "admin", "POST", "/v1/exchange/organisations", jsonCT, `{"code":"000.00.00.H49"}`, 400, "name"},
		{"our agency", "admin", "POST", "/v1/exchange/organisations", jsonCT, `{"code":"` + ourCode + `","name":"X"}`, 400, "agency of this system"},
		{"exists", "admin", "POST", "/v1/exchange/organisations", jsonCT, `{"code":"000.00.00.G22","name":"X"}`, 409, ""},
		{"not JSON", "admin", "POST", "/v1/exchange/organisations", "text/plain", `x`, 415, ""},
		{"unknown field", "admin", "POST", "/v1/exchange/organisations", jsonCT, `{"code":"000.00.00.H49","name":"X","x":1}`, 400, ""},
		{"unknown", "clerk", "GET", "/v1/exchange/organisations/000.00.00.H50", "", "", 404, ""},
		{"put unknown", "admin", "PUT", "/v1/exchange/organisations/000.00.00.H50", jsonCT, `{"name":"X"}`, 404, ""},
		{"put other code", "admin", "PUT", "/v1/exchange/organisations/000.00.00.G22", jsonCT, `{"code":"000.00.00.G23","name":"X"}`, 400, ""},
		{"import bad line", "admin", "POST", "/v1/exchange/organisations/import", csvCT,
			"code,name,parent_code,address,email\n000.00.00.H49,Quảng Ninh,,,\n000.00.00.H4,Bad,,,\n", 400, "line 3"},
		{"import bad header", "admin", "POST", "/v1/exchange/organisations/import", csvCT, "a,b\n", 400, "line 1"},
		{"import by clerk", "clerk", "POST", "/v1/exchange/organisations/import", csvCT, "code,name,parent_code,address,email\n000.00.00.H49,Q,,,\n", 403, ""},
		{"bad cursor", "clerk", "GET", "/v1/exchange/organisations?cursor=zz", "", "", 400, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := a.do(tc.who, tc.method, tc.path, tc.ct, tc.body)
			if code != tc.status || !strings.Contains(body, tc.detail) {
				t.Fatalf("= %d %s; want %d with %q", code, body, tc.status, tc.detail)
			}
		})
	}
	// The failed import stored nothing: the first good line is not there.
	if code, _ := a.do("clerk", "GET", "/v1/exchange/organisations/000.00.00.H49", "", ""); code != 404 {
		t.Fatalf("an import refused stored a row: %d", code)
	}
	code, body := a.do("admin", "POST", "/v1/exchange/organisations/import", csvCT,
		"\ufeffcode,name,parent_code,address,email\n000.00.00.H49,UBND tỉnh Quảng Ninh,000.00.00.G22,\"Hạ Long, Quảng Ninh\",vanthu@quangninh.gov.vn\n000.00.15.H51,Sở Nội vụ Quảng Ngãi,,,\n")
	if code != 200 || !strings.Contains(body, `"imported":2`) {
		t.Fatalf("import = %d %s", code, body)
	}
	code, body = a.do("reader", "GET", "/v1/exchange/organisations?limit=2", "", "")
	var l struct {
		Items      []struct{ Code, Address string }
		NextCursor string `json:"next_cursor"`
	}
	if err := json.Unmarshal([]byte(body), &l); code != 200 || err != nil || len(l.Items) != 2 || l.NextCursor == "" {
		t.Fatalf("list = %d %s", code, body)
	}
	code, body = a.do("clerk", "GET", "/v1/exchange/organisations?cursor="+l.NextCursor, "", "")
	if code != 200 || !strings.Contains(body, "000.00.15.H51") {
		t.Fatalf("second page = %d %s", code, body)
	}
}

func packageXML(t *testing.T, to string) string {
	t.Helper()
	b, err := edxml.Build(edxml.Package{From: edxml.Organisation{ID: "000.00.00.G22"}, To: []edxml.Organisation{{ID: to}},
		DocumentID: "doc-" + to, Code: edxml.Code{Number: "12", Notation: "VPCP-KGVX"}, PromulgationDate: "2026-03-01", Subject: "Về việc X",
		Attachments: []edxml.Attachment{{Name: "a.txt", ContentType: "text/plain", Data: []byte("hello")}}})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPackageProblems(t *testing.T) {
	a := newAPI(t)
	code, body := a.do("clerk", "POST", "/v1/exchange/packages", xmlCT, packageXML(t, ourCode))
	var got struct{ ID, State string }
	if err := json.Unmarshal([]byte(body), &got); code != 202 || err != nil || got.State != "accepted" {
		t.Fatalf("receive = %d %s", code, body)
	}
	for _, tc := range []struct {
		name, who, method, path, ct, body string
		status                            int
		detail                            string
	}{
		{"no token", "", "POST", "/v1/exchange/packages", xmlCT, "<x/>", 401, ""},
		{"json", "clerk", "POST", "/v1/exchange/packages", jsonCT, "{}", 415, ""},
		{"empty", "clerk", "POST", "/v1/exchange/packages", xmlCT, "", 400, ""},
		{"reader client", "reader", "POST", "/v1/exchange/packages", xmlCT, packageXML(t, ourCode), 403, "exchange:write"},
		{"specialist", "viewer", "POST", "/v1/exchange/packages", xmlCT, packageXML(t, ourCode), 403, ""},
		{"another agency's clerk", "clerk2", "POST", "/v1/exchange/packages", xmlCT, packageXML(t, ourCode), 403, ""},
		{"unknown addressee", "gateway", "POST", "/v1/exchange/packages", xmlCT, packageXML(t, "000.00.00.H99"), 422, "addressed to no agency"},
		{"broken XML", "gateway", "POST", "/v1/exchange/packages", xmlCT, "<edXML><", 422, "refused"},
		{"bad direction", "clerk", "GET", "/v1/exchange/packages?direction=up", "", "", 400, "direction"},
		{"specialist lists what came in", "viewer", "GET", "/v1/exchange/packages?direction=in", "", "", 403, "clerks"},
		{"specialist reads a package that came in", "viewer", "GET", "/v1/exchange/packages/" + got.ID, "", "", 404, ""},
		{"other agency's package", "clerk2", "GET", "/v1/exchange/packages/" + got.ID, "", "", 404, ""},
		{"unknown package", "clerk", "GET", "/v1/exchange/packages/nope", "", "", 404, ""},
		{"bad index", "clerk", "GET", "/v1/exchange/packages/" + got.ID + "/files/x", "", "", 404, ""},
		{"no such file", "clerk", "GET", "/v1/exchange/packages/" + got.ID + "/files/7", "", "", 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := a.do(tc.who, tc.method, tc.path, tc.ct, tc.body)
			if code != tc.status || !strings.Contains(body, tc.detail) {
				t.Fatalf("= %d %s; want %d with %q", code, body, tc.status, tc.detail)
			}
		})
	}
	if code, body := a.do("clerk", "GET", "/v1/exchange/packages/"+got.ID+"/files/0", "", ""); code != 200 || body != "hello" {
		t.Fatalf("file = %d %q", code, body)
	}
	if code, body := a.do("reader", "GET", "/v1/exchange/packages/"+got.ID+"/edxml", "", ""); code != 200 || !strings.Contains(body, "edXML") {
		t.Fatalf("edxml = %d %q", code, body)
	}
	code, body = a.do("clerk", "GET", "/v1/exchange/packages?direction=in", "", "")
	if code != 200 || strings.Count(body, `"direction":"in"`) != 1 {
		t.Fatalf("clerk's list = %d %s", code, body)
	}
	code, body = a.do("gateway", "GET", "/v1/exchange/packages?state=refused", "", "")
	if code != 200 || strings.Count(body, `"state":"refused"`) != 2 {
		t.Fatalf("refused list = %d %s", code, body)
	}
}

// TestOversizePackage: a package above the route's limit is answered 413
// with the reason, and kept as refused where the addressee's clerks see it.
func TestOversizePackage(t *testing.T) {
	a := newAPI(t)
	small := packageXML(t, ourCode)
	cut := strings.Index(small, "<edXML:AttachmentEncoded>")
	if cut < 0 {
		t.Fatal("no attachments in the test package")
	}
	big := small[:cut] + "<edXML:AttachmentEncoded><edXML:Attachment><edXML:ContentTransferEncoded>" +
		strings.Repeat("QUFB", (121<<20)/4)
	code, body := a.do("clerk", "POST", "/v1/exchange/packages", xmlCT, big)
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "larger than 120 MiB") {
		t.Fatalf("oversize: %d %s", code, body)
	}
	code, body = a.do("clerk", "GET", "/v1/exchange/packages?direction=in&state=refused", "", "")
	if code != http.StatusOK || !strings.Contains(body, "larger than 120 MiB") || !strings.Contains(body, `"code":"02"`) {
		t.Fatalf("the refused package: %d %s", code, body)
	}
}
