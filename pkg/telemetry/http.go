package telemetry

import (
	"net/http"
	"strings"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

// HTTPHandler gives every request a server span, continuing the caller's
// trace, and counts and times it (RouteMetrics). Spans are named "METHOD
// /route" from the ServeMux pattern, which otelhttp learns after routing;
// probes and scrapes are not traced (but counted).
func HTTPHandler(h http.Handler, service string) http.Handler {
	traced := otelhttp.NewHandler(RouteMetrics(h, service), service,
		otelhttp.WithSpanNameFormatter(spanName),
		otelhttp.WithFilter(func(r *http.Request) bool {
			switch r.URL.Path {
			case "/healthz", "/readyz", "/metrics":
				return false
			}
			return true
		}),
	)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		traced.ServeHTTP(w, r.WithContext(WithService(r.Context(), service)))
	})
}

// spanName drops the method and host a pattern like "POST /v1/units" may
// hold, so the name never repeats the method.
func spanName(_ string, r *http.Request) string {
	if i := strings.IndexByte(r.Pattern, '/'); i >= 0 {
		return r.Method + " " + r.Pattern[i:]
	}
	return r.Method
}

// HTTPClient returns a client that opens a client span per request and
// sends traceparent, so the callee joins the trace.
func HTTPClient(timeout time.Duration) *http.Client {
	return &http.Client{Timeout: timeout, Transport: otelhttp.NewTransport(http.DefaultTransport)}
}
