package messaging_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
)

// 5. Poison messages end in <topic>.dlq with the reason in headers, and the
// good message after them (same key, so same partition, read after them)
// is still handled.
func TestPoisonGoesToDLQ(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarness(t, db)
		ctx := context.Background()
		group := h.group("g")
		rec := newRecorder(t, group)
		rec.fail = func(ev envelope.Event, _ int32) error {
			switch number(t, ev) {
			case 666:
				return errors.New("always fails")
			case 777:
				return messaging.Permanent(errors.New("cannot ever work"))
			}
			return nil
		}
		const maxAttempts = 3
		h.run(h.consumer(group, rec.handlers(), maxAttempts).Run)

		const key = "doc-poison"
		msg := func(mutate func(*envelope.Event)) kafka.Message {
			ev := newEvent(t, ctx, key, 1)
			mutate(&ev)
			return ev.Message(events.TopicDocuments)
		}
		good := newEvent(t, ctx, key, 1)
		cases := []struct {
			name   string
			msg    kafka.Message
			reason string
		}{
			{"no ce headers", kafka.Message{Topic: events.TopicDocuments, Key: []byte(key), Value: []byte("garbage")}, messaging.ReasonMalformed},
			{"unknown ce_type", msg(func(e *envelope.Event) { e.Type = events.TypePrefix + "nothing.happened" }), messaging.ReasonUnknownType},
			{"payload does not decode", msg(func(e *envelope.Event) { e.Data = []byte("{not json") }), messaging.ReasonMalformed},
			{"handler always fails", msg(func(e *envelope.Event) { *e = newEvent(t, ctx, key, 666) }), messaging.ReasonMaxAttempts},
			{"handler says permanent", msg(func(e *envelope.Event) { *e = newEvent(t, ctx, key, 777) }), messaging.ReasonPermanent},
		}
		var msgs []kafka.Message
		for _, c := range cases {
			msgs = append(msgs, c.msg)
		}
		h.produce(append(msgs, good.Message(events.TopicDocuments))...)
		eventually(t, "good message after the poison handled", func() bool { return rec.has(good.ID) })

		dead := h.readTopic(events.TopicDocuments+events.DLQSuffix, len(cases))
		slices.SortFunc(dead, func(a, b kafka.Message) int {
			return int(atoi(t, header(a, messaging.HeaderDLQOriginalOffset)) - atoi(t, header(b, messaging.HeaderDLQOriginalOffset)))
		})
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				m := dead[i]
				if got := header(m, messaging.HeaderDLQReason); got != c.reason {
					t.Errorf("reason = %q, want %q", got, c.reason)
				}
				if string(m.Key) != key || string(m.Value) != string(c.msg.Value) {
					t.Errorf("key/value changed: %q %q", m.Key, m.Value)
				}
				if got := header(m, envelope.HeaderID); got != header(c.msg, envelope.HeaderID) {
					t.Errorf("original headers not kept: ce_id %q", got)
				}
				if header(m, messaging.HeaderDLQError) == "" || header(m, messaging.HeaderDLQGroup) != group ||
					header(m, messaging.HeaderDLQOriginalTopic) != events.TopicDocuments {
					t.Errorf("dlq headers: error %q group %q topic %q", header(m, messaging.HeaderDLQError),
						header(m, messaging.HeaderDLQGroup), header(m, messaging.HeaderDLQOriginalTopic))
				}
				if _, err := strconv.Atoi(header(m, messaging.HeaderDLQOriginalPartition)); err != nil {
					t.Errorf("partition header: %v", err)
				}
				if _, err := time.Parse(time.RFC3339Nano, header(m, messaging.HeaderDLQFailedAt)); err != nil {
					t.Errorf("failed_at header: %v", err)
				}
			})
		}
		// Attempts: maxAttempts for the failing one, one for the permanent
		// one, one for the good one.
		if got, want := rec.calls.Load(), int32(maxAttempts+1+1); got != want {
			t.Errorf("handler calls = %d, want %d", got, want)
		}
		if got := handledTotal(t, group, messaging.ResultDLQ); got != len(cases) {
			t.Errorf("dead-lettered = %d, want %d", got, len(cases))
		}
		if rows := h.handledRows(group); rows != 1 {
			t.Errorf("handled rows = %d, want 1 (a failed handler's writes roll back)", rows)
		}
	})
}

func atoi(t *testing.T, s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}

func TestPermanent(t *testing.T) {
	base := errors.New("bad unit")
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil stays nil", messaging.Permanent(nil), false},
		{"plain error", base, false},
		{"marked", messaging.Permanent(base), true},
		{"marked then wrapped", errors.Join(errors.New("ctx"), messaging.Permanent(base)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := messaging.IsPermanent(tt.err); got != tt.want {
				t.Errorf("IsPermanent = %v, want %v", got, tt.want)
			}
			if tt.want && !errors.Is(tt.err, base) {
				t.Error("the marked error no longer matches its cause")
			}
		})
	}
	if messaging.Permanent(nil) != nil {
		t.Error("Permanent(nil) != nil")
	}
}
