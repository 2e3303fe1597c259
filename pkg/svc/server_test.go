package svc

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/auth/authtest"
	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
)

// testRuntime is a Runtime with what servers needs: no database or broker
// (the tests never ask /readyz).
func testRuntime(t *testing.T, adminAddr string) (*Runtime, *authtest.TokenIssuer) {
	t.Helper()
	timeouts, err := envconf.LoadHTTPTimeouts()
	if err != nil {
		t.Fatal(err)
	}
	iss := authtest.NewIssuer(t)
	return &Runtime{
		Config:   Config{Service: "tasks", Addr: "127.0.0.1:0", AdminAddr: adminAddr, HTTP: timeouts},
		Verifier: iss.Verifier(),
	}, iss
}

// serve runs s on a free port until the test ends and returns its URL.
func serve(t *testing.T, s *http.Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = s.Serve(ln) }()
	t.Cleanup(func() { s.Close() })
	return "http://" + ln.Addr().String()
}

func get(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Every server a service runs has its read, write and idle timeouts set: a
// client that sends slowly or not at all cannot hold a connection forever.
func TestServersHaveTimeouts(t *testing.T) {
	rt, _ := testRuntime(t, "127.0.0.1:0")
	public, admin := rt.servers(http.NotFoundHandler(), nil)
	for name, s := range map[string]*http.Server{"public": public, "admin": admin} {
		if s == nil {
			t.Fatalf("no %s server", name)
		}
		if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 {
			t.Errorf("%s server: header %v, read %v, write %v, idle %v; want all set", name,
				s.ReadHeaderTimeout, s.ReadTimeout, s.WriteTimeout, s.IdleTimeout)
		}
	}
}

// With EOFFICE_<SERVICE>_ADMIN_ADDR set, /metrics is served only on the
// admin listener; the API port keeps /openapi.json and the probes.
func TestMetricsListener(t *testing.T) {
	tests := []struct {
		name                    string
		adminAddr               string
		publicMetrics, adminGot int
	}{
		{"no admin address: metrics beside the API", "", http.StatusOK, 0},
		{"admin address: metrics there only", "127.0.0.1:0", http.StatusNotFound, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt, _ := testRuntime(t, tt.adminAddr)
			public, admin := rt.servers(http.NotFoundHandler(), []byte(`{"openapi":"3.1.0"}`))
			url := serve(t, public)
			if got := get(t, url+"/metrics"); got != tt.publicMetrics {
				t.Errorf("public /metrics: %d, want %d", got, tt.publicMetrics)
			}
			for _, path := range []string{"/openapi.json", "/healthz"} {
				if got := get(t, url+path); got != http.StatusOK {
					t.Errorf("public %s: %d, want 200", path, got)
				}
			}
			if tt.adminGot == 0 {
				if admin != nil {
					t.Fatal("an admin server without an admin address")
				}
				return
			}
			adminURL := serve(t, admin)
			if got := get(t, adminURL+"/metrics"); got != tt.adminGot {
				t.Errorf("admin /metrics: %d, want %d", got, tt.adminGot)
			}
			if got := get(t, adminURL+"/openapi.json"); got != http.StatusNotFound {
				t.Errorf("admin /openapi.json: %d, want 404 (the API stays on its port)", got)
			}
		})
	}
}

// untouchable is a body that fails the test when anything reads it.
type untouchable struct{ t *testing.T }

func (u untouchable) Read([]byte) (int, error) {
	u.t.Error("the body was read before the token was checked")
	return 0, io.ErrUnexpectedEOF
}

// A route that needs a token refuses a request without a valid one before
// reading a byte of its body, however large; AllowAnonymous's routes pass.
func TestRequireTokenBeforeBody(t *testing.T) {
	rt, iss := testRuntime(t, "")
	rt.AllowAnonymous("POST /v1/token")
	valid := iss.Token(auth.Principal{Subject: "u1", Roles: []string{auth.RoleClerk}})
	other := authtest.NewIssuer(t).Token(auth.Principal{Subject: "u1"})
	tests := []struct {
		name, path, authz string
		readable          bool
		want              int
	}{
		{"no token, huge body", "/v1/documents", "", false, http.StatusUnauthorized},
		{"not a bearer token", "/v1/documents", "Basic dTpw", false, http.StatusUnauthorized},
		{"token of another issuer", "/v1/documents", "Bearer " + other, false, http.StatusUnauthorized},
		{"garbage token", "/v1/documents", "Bearer x.y.z", false, http.StatusUnauthorized},
		{"unknown route without a token", "/v1/nothing", "", false, http.StatusUnauthorized},
		{"valid token", "/v1/documents", "Bearer " + valid, true, http.StatusNoContent},
		{"anonymous route", "/v1/token", "", true, http.StatusNoContent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reached := false
			// The whole chain a service serves, as Run builds it.
			public, _ := rt.servers(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				reached = true
				w.WriteHeader(http.StatusNoContent)
			}), nil)
			h := public.Handler
			var body io.Reader = untouchable{t}
			if tt.readable {
				body = strings.NewReader("{}")
			}
			r := httptest.NewRequest(http.MethodPost, tt.path, body)
			r.ContentLength = 4 << 30 // a 4 GB upload, announced
			if tt.authz != "" {
				r.Header.Set("Authorization", tt.authz)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tt.want {
				t.Fatalf("status %d, want %d", w.Code, tt.want)
			}
			if tt.want == http.StatusUnauthorized {
				if reached {
					t.Error("the route ran")
				}
				if ct := w.Header().Get("Content-Type"); ct != httpx.ProblemContentType {
					t.Errorf("content type %q, want problem+json", ct)
				}
			}
		})
	}
}

// A slowloris client, one that starts a request and then stalls, is cut
// off by the server's timeouts: the connection ends without the client
// finishing. (The guard deadline only keeps a broken server from hanging
// the test; nothing here measures speed.)
func TestSlowClientCutOff(t *testing.T) {
	tests := []struct {
		name, send string
	}{
		{"headers never finish", "POST /v1/documents HTTP/1.1\r\nHost: x\r\nX-Slow: "},
		{"body never finishes", "POST /v1/documents HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\nContent-Type: application/json\r\n\r\n{\"a\":"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bodyErr := make(chan error, 1)
			s := envconf.HTTPTimeouts{Read: 200 * time.Millisecond, Write: time.Second, Idle: time.Second}.Server(
				http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					_, err := io.ReadAll(r.Body)
					bodyErr <- err
				}))
			url := serve(t, s)
			conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := io.WriteString(conn, tt.send); err != nil {
				t.Fatal(err)
			}
			_ = conn.SetReadDeadline(time.Now().Add(time.Minute))
			_, err = io.Copy(io.Discard, bufio.NewReader(conn)) // until the server closes
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatal("the server kept the stalled connection open")
			}
			select {
			case err := <-bodyErr:
				if !errors.Is(err, os.ErrDeadlineExceeded) {
					t.Errorf("the handler read the body to %v, want the read deadline", err)
				}
			default: // the headers never arrived; no handler ran
			}
		})
	}
}

// An authenticated upload may take longer than the read and write
// timeouts when its handler asks for the transfer time (httpx.ExtendRead),
// through the whole chain a service runs (telemetry included), and still
// gets its answer.
func TestTransferOutlastsReadTimeout(t *testing.T) {
	rt, iss := testRuntime(t, "")
	rt.Config.HTTP.Read = 100 * time.Millisecond
	rt.Config.HTTP.Write = 100 * time.Millisecond
	got := make(chan string, 1)
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httpx.ExtendRead(r.Context())
		b, err := io.ReadAll(r.Body)
		if err != nil {
			got <- err.Error()
			return
		}
		got <- string(b)
		_, _ = w.Write([]byte("stored"))
	})
	public, _ := rt.servers(api, nil)
	url := serve(t, public)
	pr, pw := io.Pipe()
	go func() {
		_, _ = io.WriteString(pw, "first half, ")
		time.Sleep(3 * rt.Config.HTTP.Read) // past the read timeout
		_, _ = io.WriteString(pw, "second half")
		pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, url+"/v1/documents/d1/attachments", pr)
	req.Header.Set("Authorization", "Bearer "+iss.Token(auth.Principal{Subject: "u1"}))
	resp, err := http.DefaultClient.Do(req)
	if b := <-got; b != "first half, second half" {
		t.Fatalf("the upload read %q", b)
	}
	if err != nil {
		t.Fatalf("no answer after the upload (past the write timeout): %v", err)
	}
	defer resp.Body.Close()
	if b, _ := io.ReadAll(resp.Body); resp.StatusCode != http.StatusOK || string(b) != "stored" {
		t.Fatalf("answer %d %q", resp.StatusCode, b)
	}
}
