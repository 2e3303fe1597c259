package messaging

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

// Results of eoffice_consumer_handled_total.
const (
	ResultOK        = "ok"
	ResultDuplicate = "duplicate"
	ResultSkipped   = "skipped"
	ResultDLQ       = "dlq"
)

// unknownType labels messages whose type is not ours, so that a stranger's
// ce_type cannot grow the label set without bound.
const unknownType = "unknown"

// Every series carries the service whose outbox or consumer it measures:
// eoffice-one runs every service in one process, and each service's
// /metrics shows its own series only (telemetry.MetricsHandler).
var (
	metricPublished = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "eoffice_outbox_published_total",
		Help: "Events the outbox relay published to Kafka.",
	}, []string{"service", "topic"})

	metricPending = promauto.NewGaugeVec(prometheus.GaugeOpts{
		Name: "eoffice_outbox_pending",
		Help: "Outbox rows not yet published, as last counted by the relay.",
	}, []string{"service"})

	metricHandled = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "eoffice_consumer_handled_total",
		Help: "Messages a consumer finished with, by result (ok, duplicate, skipped, dlq).",
	}, []string{"service", "group", "type", "result"})

	metricHandleSeconds = promauto.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "eoffice_consumer_handle_seconds",
		Help:    "Time from fetching a message to being done with it, retries included.",
		Buckets: prometheus.ExponentialBuckets(0.0005, 4, 10), // 0.5 ms .. ~131 s
	}, []string{"service", "group", "type"})
)

var (
	metricRetried = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "eoffice_consumer_retried_total",
		Help: "Handler attempts that failed and were tried again.",
	}, []string{"service", "group"})

	metricDeadLettered = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "eoffice_consumer_dead_lettered_total",
		Help: "Messages a consumer sent to a dead-letter topic, by reason (HeaderDLQReason's values).",
	}, []string{"service", "group", "reason"})

	metricLag = promauto.NewGaugeVec(prometheus.GaugeOpts{
		Name: "eoffice_consumer_lag",
		Help: "Messages of a topic partition not yet committed by the group (high-water mark minus committed offset), as last checked.",
	}, []string{"service", "group", "topic", "partition"})

	oldestByService sync.Map // service → *atomic.Int64
)

// oldestPending is when the oldest unsent outbox row the service's relay
// last saw was written (unix nanoseconds; 0: none), so that its age gauge,
// computed at each scrape, keeps growing while the relay is stuck; the
// gauge is registered with the service's first outbox.
func oldestPending(service string) *atomic.Int64 {
	if at, ok := oldestByService.Load(service); ok {
		return at.(*atomic.Int64)
	}
	at, loaded := oldestByService.LoadOrStore(service, new(atomic.Int64))
	if !loaded {
		prometheus.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name:        "eoffice_outbox_oldest_pending_seconds",
			Help:        "Age of the oldest unsent outbox row the relay last saw; 0 when none is pending.",
			ConstLabels: prometheus.Labels{"service": service},
		}, func() float64 {
			at := at.(*atomic.Int64).Load()
			if at == 0 {
				return 0
			}
			return time.Since(time.Unix(0, at)).Seconds()
		}))
	}
	return at.(*atomic.Int64)
}

// initMetrics creates a consumer's series at zero, so that dashboards and
// alerts see them before the first failure.
func initMetrics(service, group string, types []string) {
	metricRetried.WithLabelValues(service, group)
	for _, r := range []string{ReasonMalformed, ReasonUnknownType, ReasonUntrusted, ReasonPermanent, ReasonMaxAttempts} {
		metricDeadLettered.WithLabelValues(service, group, r)
	}
	for _, t := range types {
		metricHandled.WithLabelValues(service, group, t, ResultOK)
		metricHandleSeconds.WithLabelValues(service, group, t)
	}
}
