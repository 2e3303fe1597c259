package telemetry

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// The RED metrics of HTTP: requests by route template (never the raw
// path, whose ids would grow the label set without bound), method and
// status code, and their latency.
var (
	httpRequests = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "eoffice_http_requests_total",
		Help: "HTTP requests served, by route template, method and status code.",
	}, []string{"service", "route", "method", "code"})

	httpDuration = promauto.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "eoffice_http_request_duration_seconds",
		Help:    "Time to serve an HTTP request, by route template and method.",
		Buckets: []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30},
	}, []string{"service", "route", "method"})

	upstreamRequests = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "eoffice_upstream_requests_total",
		Help: "Calls to another service's API, by upstream and status code (error: no answer).",
	}, []string{"service", "upstream", "code"})
)

// RouteMetrics counts and times the requests h serves. The route is the
// ServeMux pattern that matched, which a mux sets on the request it was
// given (and httpx.AllowTransfers carries up from a mux below), so h must
// be the mux or pass the request on unchanged; "unmatched" labels a
// request no pattern took.
func RouteMetrics(h http.Handler, service string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			route, method := routeOf(r.Pattern), methodOf(r.Method)
			httpDuration.WithLabelValues(service, route, method).Observe(time.Since(start).Seconds())
			code := sw.code
			if code == 0 {
				code = http.StatusOK // nothing written: net/http answers 200
			}
			httpRequests.WithLabelValues(service, route, method, strconv.Itoa(code)).Inc()
		}()
		h.ServeHTTP(sw, r)
	})
}

// routeOf drops the method and host a pattern may hold.
func routeOf(pattern string) string {
	if i := strings.IndexByte(pattern, '/'); i >= 0 {
		return pattern[i:]
	}
	return "unmatched"
}

// methodOf keeps the label set bounded whatever a client sends.
func methodOf(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
		return m
	}
	return "OTHER"
}

// statusWriter records the status code. Unwrap lets
// http.ResponseController reach the connection (deadlines, flushing).
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// UpstreamTransport counts the calls service makes through base (nil:
// http.DefaultTransport) by upstream, which name gives from the request
// (e.g. from its host) and by status code.
func UpstreamTransport(base http.RoundTripper, service string, name func(*http.Request) string) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := base.RoundTrip(r)
		code := "error"
		if err == nil {
			code = strconv.Itoa(resp.StatusCode)
		}
		upstreamRequests.WithLabelValues(service, name(r), code).Inc()
		return resp, err
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
