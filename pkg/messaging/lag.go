package messaging

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/segmentio/kafka-go"
)

// DefaultLagInterval is how often a consumer measures its lag: a little
// below Prometheus' usual scrape interval.
const DefaultLagInterval = 10 * time.Second

// watchLag measures, until ctx ends, the group's lag on each partition of
// its topics from the broker's offsets (the committed offset against the
// high-water mark), not from the reader: a stuck consumer commits nothing
// and its lag grows, while a reader's own figure only moves when it
// fetches. (Dead-letter topics have their own gauge, dlqgauge.go.)
func (c *Consumer) watchLag(ctx context.Context) {
	if c.cfg.LagInterval < 0 {
		return
	}
	// The connections (and SASL sessions) of the transport serve every check.
	client := &kafka.Client{Addr: kafka.TCP(c.cfg.Brokers...), Timeout: 10 * time.Second, Transport: c.cfg.Kafka.Transport()}
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := c.measureLag(ctx, client); err != nil && ctx.Err() == nil {
			c.log.Debug("measuring consumer lag", "error", err)
		}
		t.Reset(c.cfg.LagInterval)
	}
}

func (c *Consumer) measureLag(ctx context.Context, client *kafka.Client) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	meta, err := client.Metadata(ctx, &kafka.MetadataRequest{Topics: c.cfg.Topics})
	if err != nil {
		return fmt.Errorf("metadata: %w", err)
	}
	parts := map[string][]int{}
	req := map[string][]kafka.OffsetRequest{}
	for _, t := range meta.Topics {
		if t.Error != nil {
			continue
		}
		for _, p := range t.Partitions {
			parts[t.Name] = append(parts[t.Name], p.ID)
			req[t.Name] = append(req[t.Name], kafka.FirstOffsetOf(p.ID), kafka.LastOffsetOf(p.ID))
		}
	}
	offs, err := client.ListOffsets(ctx, &kafka.ListOffsetsRequest{Topics: req})
	if err != nil {
		return fmt.Errorf("list offsets: %w", err)
	}
	committed, err := client.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: c.cfg.Group, Topics: parts})
	if err != nil {
		return fmt.Errorf("offset fetch: %w", err)
	}
	if committed.Error != nil {
		return fmt.Errorf("offset fetch: %w", committed.Error)
	}
	done := map[string]map[int]int64{}
	for topic, ps := range committed.Topics {
		done[topic] = map[int]int64{}
		for _, p := range ps {
			if p.Error == nil {
				done[topic][p.Partition] = p.CommittedOffset
			}
		}
	}
	for _, t := range c.cfg.Topics {
		for _, p := range offs.Topics[t] {
			if p.Error != nil {
				continue
			}
			at, ok := done[t][p.Partition]
			if !ok || at < 0 {
				at = p.FirstOffset // nothing committed: the group starts at the first offset
			}
			metricLag.WithLabelValues(c.cfg.Service, c.cfg.Group, t, strconv.Itoa(p.Partition)).Set(float64(max(p.LastOffset-at, 0)))
		}
	}
	return nil
}
