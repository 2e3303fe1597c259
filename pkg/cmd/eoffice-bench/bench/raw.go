// Package bench measures how fast this machine can go: the raw limits of
// the embedded broker and of the store, against which the services'
// figures are judged (scripts/bench.sh prints them).
package bench

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/broker"
	"github.com/eoffice-vn/eoffice/pkg/envconf"
)

// RawBroker produces n 600-byte events with kafka-go (RequireAll) into the
// durable embedded broker while a consumer group reads and commits them,
// and returns events per second from the first write to the last commit.
func RawBroker(ctx context.Context, dir string, n int) (float64, error) {
	const topic = "bench.raw.v1"
	syncWrites, err := envconf.EnvBool("EOFFICE_KAFKA_SYNC_WRITES", false) // as the stack's broker
	if err != nil {
		return 0, err
	}
	b, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", DataDir: filepath.Join(dir, "kafka"), Partitions: 6, Topics: []string{topic}, SyncWrites: syncWrites})
	if err != nil {
		return 0, err
	}
	defer b.Close()
	payload := make([]byte, 600)
	_, _ = rand.Read(payload)

	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers: []string{b.Addr()}, GroupID: "bench", Topic: topic,
		MinBytes: 1, MaxBytes: 256 << 10, MaxWait: 50 * time.Millisecond,
		StartOffset: kafka.FirstOffset, CommitInterval: 0,
	})
	defer r.Close()
	w := &kafka.Writer{Addr: kafka.TCP(b.Addr()), Topic: topic, Balancer: &kafka.Hash{},
		RequiredAcks: kafka.RequireAll, BatchTimeout: time.Millisecond, BatchSize: 500}
	defer w.Close()

	start := time.Now()
	var wg sync.WaitGroup
	var werr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		const batch = 500
		for i := 0; i < n; i += batch {
			msgs := make([]kafka.Message, 0, batch)
			for j := i; j < min(i+batch, n); j++ {
				msgs = append(msgs, kafka.Message{Key: []byte(strconv.Itoa(j)), Value: payload})
			}
			if err := w.WriteMessages(ctx, msgs...); err != nil {
				werr = fmt.Errorf("produce: %w", err)
				return
			}
		}
	}()
	// Commit after every fetched run of messages, as a consumer that has
	// stored them would.
	pending := make([]kafka.Message, 0, 256)
	for got := 0; got < n; {
		m, err := r.FetchMessage(ctx)
		if err != nil {
			return 0, fmt.Errorf("consume: %w", err)
		}
		got++
		pending = append(pending, m)
		if len(pending) == cap(pending) || got == n {
			if err := r.CommitMessages(ctx, pending...); err != nil {
				return 0, fmt.Errorf("commit: %w", err)
			}
			pending = pending[:0]
		}
	}
	wg.Wait()
	if werr != nil {
		return 0, werr
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// TempDir makes a folder for one measurement.
func TempDir() (string, func(), error) {
	d, err := os.MkdirTemp("", "eoffice-bench-")
	return d, func() { os.RemoveAll(d) }, err
}
