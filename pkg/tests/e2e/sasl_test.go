package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl"
	"github.com/segmentio/kafka-go/sasl/scram"

	"github.com/eoffice-vn/eoffice/pkg/events"
)

// TestKafkaSASL runs the whole stack against an embedded broker that
// requires SCRAM: every service must authenticate to become ready (its
// /readyz dials the broker with its credentials) and the event chain must
// run; a client without credentials, or with a wrong password, is refused.
func TestKafkaSASL(t *testing.T) {
	const user, password = "eoffice", "mat-khau-kafka-2026"
	s := startStack(t,
		"EOFFICE_KAFKA_SASL_MECHANISM=SCRAM-SHA-512",
		"EOFFICE_KAFKA_SASL_USERNAME="+user,
		"EOFFICE_KAFKA_SASL_PASSWORD="+password,
	)
	directiveNotifies(t, s, "Chỉ thị qua Kafka có xác thực")

	scramAs := func(algo scram.Algorithm, u, p string) sasl.Mechanism {
		m, err := scram.Mechanism(algo, u, p)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	cases := []struct {
		name   string
		mech   sasl.Mechanism
		refuse bool
	}{
		{"no credentials", nil, true},
		{"wrong password", scramAs(scram.SHA512, user, "doan-sai"), true},
		{"unknown user", scramAs(scram.SHA512, "ke-la", password), true},
		{"the configured user", scramAs(scram.SHA512, user, password), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			// Reading partitions needs an authenticated connection: a
			// broker that requires SASL answers nothing else before it.
			d := &kafka.Dialer{Timeout: 5 * time.Second, SASLMechanism: c.mech}
			conn, err := d.DialContext(ctx, "tcp", s.kafka)
			if err == nil {
				_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
				_, err = conn.ReadPartitions(events.TopicDocuments)
				conn.Close()
			}
			if c.refuse && err == nil {
				t.Fatal("the broker let it in")
			}
			if !c.refuse && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !c.refuse {
				return
			}
			t.Logf("refused as it should be: %v", err)
			// Nor may it publish: an unauthenticated writer's event is
			// never accepted.
			w := &kafka.Writer{Addr: kafka.TCP(s.kafka), Transport: &kafka.Transport{SASL: c.mech, DialTimeout: 5 * time.Second},
				RequiredAcks: kafka.RequireAll, MaxAttempts: 1, BatchTimeout: time.Millisecond}
			defer w.Close()
			wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
			defer wcancel()
			if err := w.WriteMessages(wctx, kafka.Message{Topic: events.TopicDocuments, Value: []byte(`{}`)}); err == nil {
				t.Fatal("an unauthenticated writer published")
			}
		})
	}
}
