package messaging_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// TestLagAndDeadLetterMetrics holds a consumer on its first message: the
// lag shows what it has not committed, then goes to zero once it is let
// go; a poison message shows in the retry and dead-letter counters.
func TestLagAndDeadLetterMetrics(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		ctx := context.Background()
		group := h.group("g")
		release := make(chan struct{})
		rec := newRecorder(t, group)
		rec.fail = func(ev envelope.Event, _ int32) error {
			if number(t, ev) == 666 {
				return errors.New("always fails")
			}
			<-release
			return nil
		}
		c, err := messaging.NewConsumer(h.db, messaging.ConsumerConfig{
			Brokers: h.brokers, Group: group, Topics: []string{events.TopicDocuments},
			Handlers: rec.handlers(), MaxAttempts: 2, BatchSize: 1, LagInterval: 20 * time.Millisecond,
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := metricValue(t, "eoffice_consumer_dead_lettered_total", map[string]string{"group": group}); got != 0 {
			t.Fatalf("dead-lettered before any message = %v, want a zero series", got)
		}
		const n = 4
		for i := range n {
			h.produce(newEvent(t, ctx, "doc-lag", int64(i+1)).Message(events.TopicDocuments))
		}
		h.run(c.Run)
		lag := func() float64 {
			return metricValue(t, "eoffice_consumer_lag", map[string]string{"group": group, "topic": events.TopicDocuments})
		}
		eventually(t, "lag of the held messages", func() bool { return lag() == n })
		close(release)
		eventually(t, "lag back to zero", func() bool { return lag() == 0 })

		h.produce(newEvent(t, ctx, "doc-lag", 666).Message(events.TopicDocuments))
		eventually(t, "the poison dead-lettered", func() bool {
			return metricValue(t, "eoffice_consumer_dead_lettered_total", map[string]string{"group": group, "reason": messaging.ReasonMaxAttempts}) == 1
		})
		if got := metricValue(t, "eoffice_consumer_retried_total", map[string]string{"group": group}); got != 1 {
			t.Errorf("retried = %v, want 1 (two attempts)", got)
		}
	})
}

// metricValue sums the counters or gauges of name whose labels include
// want; -1 when there is no such series.
func metricValue(t *testing.T, name string, want map[string]string) float64 {
	t.Helper()
	mfs, err := prometheus.DefaultGatherer.Gather()
	if err != nil {
		t.Fatal(err)
	}
	total, found := 0.0, false
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	series:
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			for k, v := range want {
				if labels[k] != v {
					continue series
				}
			}
			found = true
			total += m.GetCounter().GetValue() + m.GetGauge().GetValue()
		}
	}
	if !found {
		return -1
	}
	return total
}
