package telemetry

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/go-kit/kit/endpoint"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// The collectors are shared by every endpoint and registered once per
// process, on first use, with the default registry that MetricsHandler
// serves.
var (
	metricsOnce sync.Once
	requests    *prometheus.CounterVec
	durations   *prometheus.HistogramVec
)

func endpointMetrics() (*prometheus.CounterVec, *prometheus.HistogramVec) {
	metricsOnce.Do(func() {
		requests = prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "eoffice_endpoint_requests_total",
			Help: "Endpoint calls by result (ok or error).",
		}, []string{"service", "endpoint", "result"})
		durations = prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "eoffice_endpoint_duration_seconds",
			Help:    "Endpoint call duration.",
			Buckets: prometheus.DefBuckets,
		}, []string{"service", "endpoint"})
		prometheus.MustRegister(requests, durations)
	})
	return requests, durations
}

// Instrument counts the calls of one endpoint and times them.
func Instrument(service, name string) endpoint.Middleware {
	reqs, durs := endpointMetrics()
	// Bound once here: the per-call path then does no label lookups.
	ok := reqs.WithLabelValues(service, name, "ok")
	failed := reqs.WithLabelValues(service, name, "error")
	dur := durs.WithLabelValues(service, name)
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, req any) (any, error) {
			start := time.Now()
			resp, err := next(ctx, req)
			dur.Observe(time.Since(start).Seconds())
			if failure(resp, err) != nil {
				failed.Inc()
			} else {
				ok.Inc()
			}
			return resp, err
		}
	}
}

// MetricsHandler serves the default Prometheus registry for /metrics, as
// far as it is service's (ServiceSeries).
func MetricsHandler(service string) http.Handler {
	return promhttp.InstrumentMetricHandler(prometheus.DefaultRegisterer,
		promhttp.HandlerFor(ServiceSeries(prometheus.DefaultGatherer, service), promhttp.HandlerOpts{}))
}
