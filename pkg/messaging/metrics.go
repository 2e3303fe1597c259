package messaging

import (
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
