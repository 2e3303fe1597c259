package messaging

import (
	"context"
	"log/slog"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
)

var dlqMessagesDesc = prometheus.NewDesc("eoffice_dlq_messages",
	"Dead letters not yet replayed or dropped, per dead-letter topic (counted at scrape time from the topic and "+
		events.TopicDLQAudit+").", []string{"service", "topic"}, nil)

// dlqGauge counts, when scraped, the dead letters of its topics that have
// no audit record. It reads the audit topic on from where the last scrape
// stopped, so a scrape costs two small requests plus what was audited
// since.
type dlqGauge struct {
	mu      sync.Mutex
	client  *kafka.Client // kept: its connections (and SASL sessions) serve every scrape
	log     *slog.Logger
	topics  map[string]bool            // every service's dead-letter topics
	readers map[string]map[string]bool // service -> its dead-letter topics
	next    map[int]int64              // audit partition -> next offset to read
	handled map[string]map[string]int  // dlq topic -> ref -> offset
	last    map[string]float64         // the last count, kept while the broker is unreachable
}

var (
	dlqGaugeOnce sync.Once
	theDLQGauge  *dlqGauge
)

// WatchDLQ makes the process's /metrics report eoffice_dlq_messages for the
// dead-letter twins of topics (the consumed ones: every service shows the
// DLQs of what it reads, labelled with its name). The first call's brokers
// and security are used.
func WatchDLQ(service string, brokers []string, sec kafkaconn.Config, log *slog.Logger, topics ...string) {
	dlqGaugeOnce.Do(func() {
		if log == nil {
			log = slog.Default()
		}
		c, _ := NewDeadLetters(brokers, sec).client()
		theDLQGauge = &dlqGauge{client: c, log: log, topics: map[string]bool{}, readers: map[string]map[string]bool{},
			next: map[int]int64{}, handled: map[string]map[string]int{}, last: map[string]float64{}}
		prometheus.MustRegister(theDLQGauge)
	})
	theDLQGauge.mu.Lock()
	defer theDLQGauge.mu.Unlock()
	if theDLQGauge.readers[service] == nil {
		theDLQGauge.readers[service] = map[string]bool{}
	}
	for _, t := range topics {
		if t != events.TopicDLQAudit {
			theDLQGauge.topics[dlqTopic(t)] = true
			theDLQGauge.readers[service][dlqTopic(t)] = true
		}
	}
}

func dlqTopic(t string) string {
	if len(t) > len(events.DLQSuffix) && t[len(t)-len(events.DLQSuffix):] == events.DLQSuffix {
		return t
	}
	return t + events.DLQSuffix
}

func (g *dlqGauge) Describe(ch chan<- *prometheus.Desc) { ch <- dlqMessagesDesc }

func (g *dlqGauge) Collect(ch chan<- prometheus.Metric) {
	g.mu.Lock()
	defer g.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := g.count(ctx); err != nil {
		g.log.Debug("dlq size not counted this scrape; last count kept", "error", err)
	}
	for service, reads := range g.readers {
		topics := make([]string, 0, len(reads))
		for t := range reads {
			if _, counted := g.last[t]; counted {
				topics = append(topics, t)
			}
		}
		sort.Strings(topics)
		for _, t := range topics {
			ch <- prometheus.MustNewConstMetric(dlqMessagesDesc, prometheus.GaugeValue, g.last[t], service, t)
		}
	}
}

func (g *dlqGauge) count(ctx context.Context) error {
	c := g.client
	topics := []string{events.TopicDLQAudit}
	for t := range g.topics {
		topics = append(topics, t)
	}
	offs, err := partitionOffsets(ctx, c, topics)
	if err != nil {
		return err
	}
	for _, po := range offs[events.TopicDLQAudit] {
		from := max(g.next[po.Partition], po.FirstOffset)
		err := readRange(ctx, c, events.TopicDLQAudit, po.Partition, from, po.LastOffset, func(_ string, _ int, r kafka.Record, key, value []byte) {
			topic, _, off, err := ParseRef(string(key))
			if err != nil {
				return
			}
			if g.handled[topic] == nil {
				g.handled[topic] = map[string]int{}
			}
			if value == nil {
				delete(g.handled[topic], string(key))
			} else {
				g.handled[topic][string(key)] = int(off)
			}
			g.next[po.Partition] = r.Offset + 1
		})
		if err != nil {
			return err
		}
	}
	for t := range g.topics {
		var n int64
		for _, po := range offs[t] {
			n += po.LastOffset - po.FirstOffset
			prefix := t + "/" + strconv.Itoa(po.Partition) + "/"
			for ref, off := range g.handled[t] {
				if len(ref) > len(prefix) && ref[:len(prefix)] == prefix && int64(off) >= po.FirstOffset && int64(off) < po.LastOffset {
					n--
				}
			}
		}
		if _, known := offs[t]; known {
			g.last[t] = float64(max(n, 0))
		}
	}
	return nil
}
