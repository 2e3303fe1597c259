package svc

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// Queue is a table of work rows a service's worker sends (e-mails,
// webhook deliveries), measured at each scrape by WatchQueue.
type Queue struct {
	Name  string // the queue label: "email", "webhook"
	Table string // a table with status and created_at (store.TimeLayout) columns
}

var (
	queueDepth = prometheus.NewDesc("eoffice_queue_pending",
		"Rows of a work queue still to send (status pending), counted at scrape time.", []string{"service", "queue"}, nil)
	queueAge = prometheus.NewDesc("eoffice_queue_oldest_pending_seconds",
		"Age of the oldest row of a work queue still to send; 0 when none is.", []string{"service", "queue"}, nil)

	queuesOnce sync.Once
	queues     = &queueCollector{}
)

// WatchQueue exposes the depth and oldest age of q on /metrics.
func (rt *Runtime) WatchQueue(q Queue) {
	queuesOnce.Do(func() { prometheus.MustRegister(queues) })
	queues.mu.Lock()
	defer queues.mu.Unlock()
	queues.watched = append(queues.watched, watchedQueue{service: rt.Config.Service, q: q, db: rt.DB})
}

type watchedQueue struct {
	service string
	q       Queue
	db      *store.DB
}

type queueCollector struct {
	mu      sync.Mutex
	watched []watchedQueue
}

func (c *queueCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- queueDepth
	ch <- queueAge
}

// Collect queries each queue; a queue the database cannot count now is
// left out of this scrape (its series goes stale) rather than shown as 0
// or failing the whole scrape.
func (c *queueCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	watched := append([]watchedQueue(nil), c.watched...)
	c.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, w := range watched {
		n, age, err := measureQueue(ctx, w)
		if err != nil {
			slog.Warn("measuring a queue for /metrics", "error", err)
			continue
		}
		ch <- prometheus.MustNewConstMetric(queueDepth, prometheus.GaugeValue, float64(n), w.service, w.q.Name)
		ch <- prometheus.MustNewConstMetric(queueAge, prometheus.GaugeValue, age, w.service, w.q.Name)
	}
}

func measureQueue(ctx context.Context, w watchedQueue) (int, float64, error) {
	var n int
	var oldest *string
	// Table names come from code, never from input.
	err := w.db.QueryRowContext(ctx, `SELECT COUNT(*), MIN(created_at) FROM `+w.q.Table+` WHERE status = 'pending'`).Scan(&n, &oldest)
	if err != nil {
		return 0, 0, fmt.Errorf("queue %s: %w", w.q.Name, err)
	}
	if n == 0 || oldest == nil {
		return 0, 0, nil
	}
	at, err := store.ParseTime(*oldest)
	if err != nil {
		return 0, 0, fmt.Errorf("queue %s: %w", w.q.Name, err)
	}
	return n, max(time.Since(at).Seconds(), 0), nil
}
