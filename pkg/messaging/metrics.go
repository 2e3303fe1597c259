package messaging

import (
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

var (
	metricPublished = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "eoffice_outbox_published_total",
		Help: "Events the outbox relay published to Kafka.",
	}, []string{"topic"})

	metricPending = promauto.NewGauge(prometheus.GaugeOpts{
		Name: "eoffice_outbox_pending",
		Help: "Outbox rows not yet published, as last counted by the relay.",
	})

	metricHandled = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "eoffice_consumer_handled_total",
		Help: "Messages a consumer finished with, by result (ok, duplicate, skipped, dlq).",
	}, []string{"group", "type", "result"})

	metricHandleSeconds = promauto.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "eoffice_consumer_handle_seconds",
		Help:    "Time from fetching a message to being done with it, retries included.",
		Buckets: prometheus.ExponentialBuckets(0.0005, 4, 10), // 0.5 ms .. ~131 s
	}, []string{"group", "type"})
)

var (
	metricRetried = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "eoffice_consumer_retried_total",
		Help: "Handler attempts that failed and were tried again.",
	}, []string{"group"})

	metricDeadLettered = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "eoffice_consumer_dead_lettered_total",
		Help: "Messages a consumer sent to a dead-letter topic, by reason (HeaderDLQReason's values).",
	}, []string{"group", "reason"})

	metricLag = promauto.NewGaugeVec(prometheus.GaugeOpts{
		Name: "eoffice_consumer_lag",
		Help: "Messages of a topic partition not yet committed by the group (high-water mark minus committed offset), as last checked.",
	}, []string{"group", "topic", "partition"})

	// oldestPending is when the oldest unsent outbox row the relay last
	// saw was written (unix nanoseconds; 0: none), so the age gauge keeps
	// growing while the relay is stuck.
	oldestPending atomic.Int64

	_ = promauto.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "eoffice_outbox_oldest_pending_seconds",
		Help: "Age of the oldest unsent outbox row the relay last saw; 0 when none is pending.",
	}, func() float64 {
		at := oldestPending.Load()
		if at == 0 {
			return 0
		}
		return time.Since(time.Unix(0, at)).Seconds()
	})
)

// initMetrics creates a consumer's series at zero, so that dashboards and
// alerts see them before the first failure.
func initMetrics(group string, types []string) {
	metricRetried.WithLabelValues(group)
	for _, r := range []string{ReasonMalformed, ReasonUnknownType, ReasonUntrusted, ReasonPermanent, ReasonMaxAttempts} {
		metricDeadLettered.WithLabelValues(group, r)
	}
	for _, t := range types {
		metricHandled.WithLabelValues(group, t, ResultOK)
		metricHandleSeconds.WithLabelValues(group, t)
	}
}
