package httpapi_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/pkg/svc"

	"github.com/eoffice-vn/eoffice/services/identity/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/identity/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

// TestClientAddress checks what login throttling is keyed by: the peer
// address, or when the peer is a trusted proxy the right-most address in
// X-Forwarded-For that is not a trusted proxy (what a client writes there
// itself is ignored). httptest's peer is 192.0.2.1.
func TestClientAddress(t *testing.T) {
	tests := []struct {
		name    string
		trusted string // EOFFICE_IDENTITY_TRUSTED_PROXIES; "" for no option
		// two callers; locked together means they share a key
		a, b   func(r *http.Request)
		shared bool
	}{
		{"header ignored without trust", "",
			func(r *http.Request) { r.Header.Set("X-Forwarded-For", "198.51.100.1") },
			func(r *http.Request) { r.Header.Set("X-Forwarded-For", "198.51.100.2") }, true},
		{"header ignored from a peer not trusted", "10.0.0.0/8",
			func(r *http.Request) { r.Header.Set("X-Forwarded-For", "198.51.100.1") },
			func(r *http.Request) { r.Header.Set("X-Forwarded-For", "198.51.100.2") }, true},
		{"proxy's last hop with trust", "192.0.2.0/24",
			func(r *http.Request) { r.Header.Set("X-Forwarded-For", "203.0.113.7, 198.51.100.1") },
			func(r *http.Request) { r.Header.Set("X-Forwarded-For", "203.0.113.7, 198.51.100.2") }, false},
		{"spoofed first hop does not escape with trust", "192.0.2.0/24",
			func(r *http.Request) { r.Header.Set("X-Forwarded-For", "10.0.0.1, 198.51.100.1") },
			func(r *http.Request) { r.Header.Set("X-Forwarded-For", "10.0.0.2, 198.51.100.1") }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := testenv.New(t, storetest.OpenSQLite(t))
			e.Admin(t)
			rt := &svc.Runtime{Config: svc.Config{Service: "identity", IdentityURL: testenv.Issuer},
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Source: "/eoffice/identity",
				Verifier: auth.NewVerifier("", testenv.Issuer, auth.WithKeySource(e.App.JWKS))}
			opts := rt.ServerOptions()
			if tt.trusted != "" {
				proxies, err := httpx.ParseTrustedProxies("trusted", tt.trusted)
				if err != nil {
					t.Fatal(err)
				}
				opts = append(opts, httpapi.TrustedProxies(proxies))
			}
			h := httpapi.NewHandler(endpoint.New(e.App, rt.Public, rt.Authenticated), opts...)
			try := func(set func(*http.Request), pass string) int {
				body := url.Values{"grant_type": {"password"}, "username": {"admin"}, "password": {pass}}.Encode()
				r := newRequest("POST", "/v1/token", body)
				r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				set(r)
				w := (&api{h: h}).serve(r)
				return w.Code
			}
			for i := 0; i < 5; i++ {
				try(tt.a, "wrong-password")
			}
			if code := try(tt.a, testenv.AdminPassword); code != http.StatusTooManyRequests {
				t.Fatalf("caller a after 5 failures: %d", code)
			}
			code := try(tt.b, testenv.AdminPassword)
			if shared := code == http.StatusTooManyRequests; shared != tt.shared {
				t.Fatalf("caller b: %d; want shared lock %v", code, tt.shared)
			}
		})
	}
}
