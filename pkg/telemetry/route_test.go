package telemetry_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"
)

// TestRouteMetrics labels requests with the route template of the mux
// that served them, below a catch-all and httpx.AllowTransfers as in
// pkg/svc, never with the raw path.
func TestRouteMetrics(t *testing.T) {
	api := http.NewServeMux()
	api.HandleFunc("GET /v1/things/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "missing" {
			http.Error(w, "no", http.StatusNotFound)
			return
		}
		_, _ = w.Write([]byte("ok"))
	})
	api.HandleFunc("POST /v1/things", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	})
	outer := http.NewServeMux()
	outer.HandleFunc("GET /healthz", func(http.ResponseWriter, *http.Request) {})
	outer.Handle("/", httpx.AllowTransfers(api, 0))
	h := telemetry.HTTPHandler(outer, "routetest")

	cases := []struct {
		method, path string
		route, code  string
		times        int
	}{
		{"GET", "/v1/things/abc", "/v1/things/{id}", "200", 2},
		{"GET", "/v1/things/missing", "/v1/things/{id}", "404", 1},
		{"POST", "/v1/things", "/v1/things", "500", 1},
		{"GET", "/healthz", "/healthz", "200", 1},
		{"GET", "/nowhere/123", "unmatched", "404", 1},
		{"BREW", "/v1/things", "unmatched", "404", 1}, // a method no pattern has: the label stays bounded
	}
	for _, c := range cases {
		for range c.times {
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(c.method, c.path, nil))
		}
	}
	got := map[[4]string]float64{}
	mfs, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != "eoffice_http_requests_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			l := map[string]string{}
			for _, p := range m.GetLabel() {
				l[p.GetName()] = p.GetValue()
			}
			if l["service"] == "routetest" {
				got[[4]string{l["route"], l["method"], l["code"]}] += m.GetCounter().GetValue()
			}
		}
	}
	for _, c := range cases[:5] {
		if n := got[[4]string{c.route, c.method, c.code}]; n != float64(c.times) {
			t.Errorf("%s %s: requests{route=%q,code=%s} = %v, want %d (all: %v)", c.method, c.path, c.route, c.code, n, c.times, got)
		}
	}
	for k := range got {
		switch k[0] {
		case "/v1/things/{id}", "/v1/things", "/healthz", "unmatched":
		default:
			t.Errorf("route label %q is not a template", k[0])
		}
		if k[1] == "BREW" {
			t.Errorf("method label %q is not bounded", k[1])
		}
	}
}
