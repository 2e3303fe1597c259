package webhook_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/pkg/testtls"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
)

// egress is an operator's forward proxy: it records what it is asked for
// and sends every target to the test's receivers (the "internet"): CONNECT
// tunnels to the TLS one, absolute-form requests to the plain one.
type egress struct {
	tlsUp, plainUp string

	mu    sync.Mutex
	asked []string
}

func (p *egress) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	if r.Method == http.MethodConnect {
		p.asked = append(p.asked, "CONNECT "+r.Host)
	} else {
		p.asked = append(p.asked, r.Method+" "+r.URL.String())
	}
	p.mu.Unlock()
	if r.Method != http.MethodConnect {
		out := r.Clone(r.Context())
		out.RequestURI, out.URL.Host = "", p.plainUp
		resp, err := http.DefaultTransport.RoundTrip(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
		return
	}
	up, err := net.Dial("tcp", p.tlsUp)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		up.Close()
		return
	}
	_, _ = conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
	go func() {
		_, _ = io.Copy(up, buf)
		up.Close()
	}()
	_, _ = io.Copy(conn, up)
	conn.Close()
}

func (p *egress) Asked() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.asked)
}

// TestDeliveryThroughEgressProxy: with a proxy set, deliveries to public
// receivers go through it (CONNECT for https, absolute-form for http); a
// target resolving to a private address is refused before the proxy is
// asked; a host the proxy function leaves out (NO_PROXY) goes straight,
// through the guard's dialer, which still checks the address it connects to.
func TestDeliveryThroughEgressProxy(t *testing.T) {
	ca := testtls.New(t)
	tests := []struct {
		name      string
		url       func(plain *httptest.Server) string
		delivered bool
		wantErr   string
		asked     []string
	}{
		{"https through the proxy", func(*httptest.Server) string { return "https://hooks.example.vn/hook" },
			true, "", []string{"CONNECT hooks.example.vn:443"}},
		{"http through the proxy", func(*httptest.Server) string { return "http://hooks.example.vn/hook" },
			true, "", []string{"POST http://hooks.example.vn/hook"}},
		{"a name resolving to a private address", func(*httptest.Server) string { return "https://inside.example.vn/hook" },
			false, "destination address not allowed", nil},
		{"a private address", func(*httptest.Server) string { return "http://192.168.1.5/hook" },
			false, "destination address not allowed", nil},
		{"NO_PROXY host rebound to loopback", func(s *httptest.Server) string {
			_, port, _ := net.SplitHostPort(s.Listener.Addr().String())
			return "http://localhost:" + port + "/hook"
		}, false, "destination address not allowed", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
				f := newFixture(t, db)
				secure := httptest.NewUnstartedServer(f.recv)
				secure.TLS = ca.ServerConfig("hooks.example.vn")
				secure.StartTLS()
				t.Cleanup(secure.Close)
				p := &egress{tlsUp: secure.Listener.Addr().String(), plainUp: f.srv.Listener.Addr().String()}
				proxySrv := httptest.NewServer(p) // on loopback: the operator's proxy may be anywhere
				t.Cleanup(proxySrv.Close)
				proxyURL, _ := url.Parse(proxySrv.URL)
				cfg := fast
				cfg.Proxy = func(req *http.Request) (*url.URL, error) {
					if req.URL.Hostname() == "localhost" { // NO_PROXY=localhost
						return nil, nil
					}
					return proxyURL, nil
				}
				// The public addresses are documentation ones the guard
				// lets through; the proxy, not the service, connects.
				guard := webhook.Guard{Resolver: dns{"hooks.example.vn": {"203.0.113.10"}, "inside.example.vn": {"10.1.2.3"},
					"localhost": {"203.0.113.11"}}}
				if err := f.s.AddWebhook(context.Background(), domain.Webhook{ID: "w1", OwnerID: "client-1", URL: tt.url(f.srv),
					EventTypes: []string{events.TaskAssigned}, Secret: secret, CreatedAt: time.Now().UTC()}); err != nil {
					t.Fatal(err)
				}
				ownedByClient(t, f.s, "w1", domain.Client{ID: "client-1", Scopes: auth.Scopes, Active: true})
				f.consume(t, taskEvent(t))
				d := webhook.NewDeliverer(f.s, f.out, guard, cfg, quiet)
				webhook.TrustRoots(d, ca.Pool())
				run(t, d, 1)

				log, _, err := f.s.Deliveries(context.Background(), "w1", nil, 10)
				if err != nil || len(log) != 1 {
					t.Fatalf("deliveries %+v, %v", log, err)
				}
				f.recv.mu.Lock()
				got := len(f.recv.got)
				f.recv.mu.Unlock()
				if delivered := log[0].Status == domain.DeliveryDelivered; delivered != tt.delivered || (got == 1) != tt.delivered {
					t.Fatalf("status %s (%s), receiver got %d", log[0].Status, log[0].LastError, got)
				}
				if log[0].LastError != tt.wantErr {
					t.Errorf("error %q, want %q", log[0].LastError, tt.wantErr)
				}
				if asked := p.Asked(); !slices.Equal(asked, tt.asked) {
					t.Errorf("the proxy was asked %q, want %q", asked, tt.asked)
				}
			})
		})
	}
}
