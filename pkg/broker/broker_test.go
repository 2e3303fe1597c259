package broker

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
)

// TestDurableAcrossRestart produces through kafka-go, closes the broker,
// starts it again on the same folder and reads every message back.
// Both ways of writing the log keep every acknowledged message across a
// restart.
func TestDurableAcrossRestart(t *testing.T) {
	for _, sync := range []bool{false, true} {
		t.Run(fmt.Sprintf("sync_writes=%v", sync), func(t *testing.T) { durableAcrossRestart(t, sync) })
	}
}

func durableAcrossRestart(t *testing.T, sync bool) {
	dir := t.TempDir()
	cfg := Config{Addr: "127.0.0.1:0", DataDir: dir, Partitions: 3, Topics: []string{"t1", "t1.dlq"}, SyncWrites: sync}
	b, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	w := &kafka.Writer{Addr: kafka.TCP(b.Addr()), Topic: "t1", RequiredAcks: kafka.RequireAll, BatchTimeout: time.Millisecond, Balancer: &kafka.Hash{}}
	const n = 20
	for i := range n {
		if err := w.WriteMessages(ctx, kafka.Message{Key: fmt.Appendf(nil, "k%d", i), Value: fmt.Appendf(nil, "v%d", i)}); err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
	}
	w.Close()
	b.Close()

	cfg.Addr = "127.0.0.1:0"
	b2, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer b2.Close()
	conn, err := kafka.DialContext(ctx, "tcp", b2.Addr())
	if err != nil {
		t.Fatal(err)
	}
	parts, err := conn.ReadPartitions("t1", "t1.dlq")
	conn.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 6 {
		t.Fatalf("got %d partitions over both topics, want 6", len(parts))
	}
	seen := map[string]bool{}
	for p := range 3 {
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{b2.Addr()}, Topic: "t1", Partition: p, MaxBytes: 1 << 20, MaxWait: 50 * time.Millisecond})
		lc, err := kafka.DialLeader(ctx, "tcp", b2.Addr(), "t1", p)
		if err != nil {
			t.Fatal(err)
		}
		last, err := lc.ReadLastOffset()
		lc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for range last {
			m, err := r.ReadMessage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			seen[string(m.Value)] = true
		}
		r.Close()
	}
	if len(seen) != n {
		t.Fatalf("read back %d distinct messages, want %d", len(seen), n)
	}
}

func TestStartRejectsBadConfig(t *testing.T) {
	tests := []Config{
		{Addr: "nonsense", Partitions: 1},
		{Addr: "127.0.0.1:x", Partitions: 1},
		{Addr: "127.0.0.1:0", Partitions: 0},
	}
	for _, cfg := range tests {
		if b, err := Start(cfg); err == nil {
			b.Close()
			t.Errorf("Start(%+v) succeeded", cfg)
		}
	}
}

// The broker has no authentication, so an address other processes or
// machines could reach is refused unless AllowRemote says otherwise.
func TestStartRefusesNonLoopback(t *testing.T) {
	tests := []struct {
		addr        string
		allowRemote bool
		wantErr     bool
	}{
		{"0.0.0.0:0", false, true},
		{"[::]:0", false, true},
		{":0", false, false}, // no host: 127.0.0.1
		{"192.168.1.10:0", false, true},
		{"[::ffff:10.0.0.1]:0", false, true},
		{"broker.example.vn:0", false, true},
		{"127.0.0.1:0", false, false},
		{"localhost:0", false, false},
		{"0.0.0.0:0", true, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s allow=%v", tt.addr, tt.allowRemote), func(t *testing.T) {
			b, err := Start(Config{Addr: tt.addr, Partitions: 1, AllowRemote: tt.allowRemote})
			if err == nil {
				b.Close()
			}
			if (err != nil) != tt.wantErr {
				t.Fatalf("Start(%s) error %v, want error %v", tt.addr, err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), "unauthenticated") {
				t.Errorf("error does not say why: %v", err)
			}
		})
	}
	for host, want := range map[string]bool{"::1": true, "127.0.0.2": true, "::ffff:127.0.0.1": true, "10.0.0.1": false, "": false, "localhost.evil.vn": false} {
		if Loopback(host) != want {
			t.Errorf("Loopback(%q) = %v, want %v", host, !want, want)
		}
	}
}
