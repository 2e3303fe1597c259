package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/svc"

	"github.com/eoffice-vn/eoffice/services/identity/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/identity/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

const password = "mật-khẩu-đủ-dài"

// api is identity's HTTP handler wired as main wires it, with svc's real
// middleware and server options, on one test database.
type api struct {
	t   *testing.T
	e   *testenv.Env
	h   http.Handler
	log *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func newAPI(t *testing.T, db *pkgstore.DB) *api {
	t.Helper()
	e := testenv.New(t, db)
	e.Admin(t)
	log := &syncBuffer{}
	rt := &svc.Runtime{
		Config: svc.Config{Service: "identity", IdentityURL: testenv.Issuer},
		Logger: slog.New(slog.NewJSONHandler(log, nil)),
		// As main wires it: identity reads its keys from its own store.
		Verifier: auth.NewVerifier("", testenv.Issuer, auth.WithKeySource(e.App.JWKS)),
		Source:   "/eoffice/identity",
	}
	set := endpoint.New(e.App, rt.Public, rt.Authenticated)
	a := &api{t: t, e: e, h: httpapi.NewHandler(set, rt.ServerOptions()...), log: log}
	t.Cleanup(func() {
		for _, secret := range []string{password, testenv.AdminPassword, "argon2id"} {
			if strings.Contains(log.String(), secret) {
				t.Errorf("the log holds %q", secret)
			}
		}
	})
	return a
}

// call sends body (a string, sent as is, or a value, sent as JSON).
func (a *api) call(method, path, token string, body any) *httptest.ResponseRecorder {
	a.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			a.t.Fatal(err)
		}
		r = bytes.NewReader(raw)
	}
	req := httptest.NewRequestWithContext(context.Background(), method, path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	a.h.ServeHTTP(w, req)
	return w
}

func (a *api) form(values url.Values) *httptest.ResponseRecorder {
	a.t.Helper()
	req := httptest.NewRequest("POST", "/v1/token", strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	a.h.ServeHTTP(w, req)
	return w
}

// login returns an access token of username.
func (a *api) login(username, pass string) string {
	a.t.Helper()
	w := a.call("POST", "/v1/token", "", map[string]string{"grant_type": "password", "username": username, "password": pass})
	if w.Code != http.StatusOK {
		a.t.Fatalf("login %s: %d %s", username, w.Code, w.Body)
	}
	return decode[tokenBody](a.t, w).AccessToken
}

type tokenBody struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
}

func decode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %s: %v", w.Body, err)
	}
	return v
}

// wantProblem checks a problem+json answer.
func wantProblem(t *testing.T, w *httptest.ResponseRecorder, status int) httpx.Problem {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d: %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != httpx.ProblemContentType {
		t.Fatalf("content type %q", ct)
	}
	p := decode[httpx.Problem](t, w)
	if p.Status != status || p.Title == "" || p.Type == "" {
		t.Fatalf("problem = %+v", p)
	}
	return p
}

func hasField(p httpx.Problem, field string) bool {
	for _, f := range p.Errors {
		if f.Field == field {
			return true
		}
	}
	return false
}

type unitBody struct {
	ID        string  `json:"id"`
	Kind      string  `json:"kind"`
	Code      *string `json:"code"`
	Name      string  `json:"name"`
	ShortName string  `json:"short_name"`
	ParentID  *string `json:"parent_id"`
	AgencyID  string  `json:"agency_id"`
	Active    bool    `json:"active"`
	CreatedAt string  `json:"created_at"`
}

type userBody struct {
	ID        string   `json:"id"`
	Username  string   `json:"username"`
	FullName  string   `json:"full_name"`
	Email     string   `json:"email"`
	UnitID    *string  `json:"unit_id"`
	AgencyID  *string  `json:"agency_id"`
	Roles     []string `json:"roles"`
	Title     string   `json:"title"`
	Active    bool     `json:"active"`
	CreatedAt string   `json:"created_at"`
}

type list[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// people seeds a province (agency) with its office (division) and a leader
// and a clerk, through the API.
type people struct {
	admin, leader, clerk  string // tokens
	province, office      unitBody
	leaderUser, clerkUser userBody
}

func (a *api) seed() people {
	a.t.Helper()
	var p people
	p.admin = a.login("admin", testenv.AdminPassword)
	p.province = a.createUnit(p.admin, map[string]any{"name": "Ủy ban nhân dân tỉnh Khánh Hòa", "short_name": "UBND", "code": "000.00.00.H37"})
	p.office = a.createUnit(p.admin, map[string]any{"kind": "division", "name": "Văn phòng", "short_name": "VP", "parent_id": p.province.ID})
	p.leaderUser = a.createUser(p.admin, map[string]any{"username": "leader.ubnd", "full_name": "Lê Văn Lãnh", "email": "lanh@khanhhoa.gov.vn",
		"unit_id": p.province.ID, "roles": []string{"leader"}, "password": password, "title": "Phó Chủ tịch"})
	p.clerkUser = a.createUser(p.admin, map[string]any{"username": "clerk.vp", "full_name": "Trần Thị Thư", "email": "thu@khanhhoa.gov.vn",
		"unit_id": p.office.ID, "roles": []string{"clerk"}, "password": password})
	p.leader = a.login("leader.ubnd", password)
	p.clerk = a.login("clerk.vp", password)
	return p
}

func (a *api) createUnit(token string, body map[string]any) unitBody {
	a.t.Helper()
	w := a.call("POST", "/v1/units", token, body)
	if w.Code != http.StatusCreated {
		a.t.Fatalf("create unit: %d %s", w.Code, w.Body)
	}
	return decode[unitBody](a.t, w)
}

func (a *api) createUser(token string, body map[string]any) userBody {
	a.t.Helper()
	w := a.call("POST", "/v1/users", token, body)
	if w.Code != http.StatusCreated {
		a.t.Fatalf("create user: %d %s", w.Code, w.Body)
	}
	return decode[userBody](a.t, w)
}

type httptestResponse = httptest.ResponseRecorder

func newRequest(method, path, body string) *http.Request {
	return httptest.NewRequest(method, path, strings.NewReader(body))
}

func (a *api) serve(req *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	a.h.ServeHTTP(w, req)
	return w
}
