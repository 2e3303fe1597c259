package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/eoffice-vn/eoffice/pkg/eventdoc"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
)

// allTopics are the four published topics.
var allTopics = []string{events.TopicIdentity, events.TopicDocuments, events.TopicTasks, events.TopicNotifications}

// topicsFlag collects --topic; "all" (the default) is the four topics,
// a short name ("tasks") is expanded, and "--dlq" adds the twins.
func resolveTopics(names []string, dlq bool) ([]string, error) {
	if len(names) == 0 {
		names = []string{"all"}
	}
	var out []string
	for _, n := range names {
		for _, part := range strings.Split(n, ",") {
			switch {
			case part == "all":
				out = append(out, allTopics...)
			case strings.HasPrefix(part, "eoffice."):
				out = append(out, part)
			case oneOf(part, "identity", "documents", "tasks", "notifications"):
				out = append(out, "eoffice."+part+".v1")
			default:
				return nil, usagef("events tail: unknown topic %q (identity, documents, tasks, notifications, all or a full topic name)", part)
			}
		}
	}
	if dlq {
		for _, t := range out {
			if !strings.HasSuffix(t, events.DLQSuffix) {
				out = append(out, t+events.DLQSuffix)
			}
		}
	}
	seen := map[string]bool{}
	uniq := out[:0]
	for _, t := range out {
		if !seen[t] {
			seen[t] = true
			uniq = append(uniq, t)
		}
	}
	return uniq, nil
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func runEvents(ctx context.Context, a *App, args []string) error {
	if len(args) > 0 && args[0] == "asyncapi" {
		if _, err := a.flags("events asyncapi").parse(args[1:], 0, 0); err != nil {
			return err
		}
		doc, err := eventdoc.AsyncAPI()
		if err != nil {
			return err
		}
		_, err = a.Stdout.Write(doc)
		return err
	}
	if len(args) > 0 && args[0] == "dlq" {
		return runDLQ(ctx, a, args[1:])
	}
	if len(args) == 0 || args[0] != "tail" {
		return usagef("events: tail [--topic T]... [--group G] [--latest] [--max N] [--json] | asyncapi | dlq list|show|replay|drop")
	}
	f := a.flags("events tail")
	var topicNames multiFlag
	f.Var(&topicNames, "topic", "topic: identity, documents, tasks, notifications, all (default) or a full name; repeatable")
	dlq := f.Bool("dlq", false, "also the dead-letter topics")
	group := f.String("group", "", "consume as this consumer group (resumes where it left off); default: no group, every partition read directly")
	latest := f.Bool("latest", false, "start at the end (only new events) rather than the start")
	max := f.Int("max", 0, "stop after this many events (0: until Ctrl-C)")
	idle := f.Duration("idle", 0, "stop when no event came for this long (0: never)")
	brokers := f.String("brokers", "", "Kafka brokers, comma-separated (default EOFFICE_KAFKA_BROKERS, else EOFFICE_KAFKA_ADDR, else 127.0.0.1:9092)")
	if _, err := f.parse(args[1:], 0, 0); err != nil {
		return err
	}
	topics, err := resolveTopics(topicNames, *dlq)
	if err != nil {
		return err
	}
	addrs := a.brokers(*brokers)
	sec, err := a.kafkaSecurity()
	if err != nil {
		return err
	}
	start := kafka.FirstOffset
	if *latest {
		start = kafka.LastOffset
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	msgs := make(chan kafka.Message)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	if *group != "" {
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: addrs, Dialer: sec.Dialer(), GroupID: *group, GroupTopics: topics, StartOffset: start,
			MinBytes: 1, MaxBytes: 1 << 20, MaxWait: 200 * time.Millisecond, CommitInterval: time.Second})
		wg.Add(1)
		go func() { defer wg.Done(); pump(ctx, r, msgs, errs) }()
	} else {
		readers, err := partitionReaders(ctx, sec, addrs, topics, start)
		if err != nil {
			return err
		}
		for _, r := range readers {
			wg.Add(1)
			go func() { defer wg.Done(); pump(ctx, r, msgs, errs) }()
		}
	}
	defer wg.Wait()
	defer cancel()
	var idleC <-chan time.Time
	n := 0
	for {
		if *idle > 0 {
			idleC = time.After(*idle)
		}
		select {
		case <-ctx.Done():
			return nil
		case err := <-errs:
			return err
		case <-idleC:
			return nil
		case m := <-msgs:
			if err := printEvent(a.Stdout, m, *f.json); err != nil {
				return err
			}
			n++
			if *max > 0 && n >= *max {
				return nil
			}
		}
	}
}

func (a *App) brokers(flagValue string) []string {
	v := flagValue
	if v == "" {
		v = a.Getenv("EOFFICE_KAFKA_BROKERS")
	}
	if v == "" {
		v = a.Getenv("EOFFICE_KAFKA_ADDR")
	}
	if v == "" {
		v = "127.0.0.1:9092"
	}
	var out []string
	for _, b := range strings.Split(v, ",") {
		if b = strings.TrimSpace(b); b != "" {
			out = append(out, b)
		}
	}
	return out
}

// partitionReaders reads every partition of the topics without a group;
// a topic that does not exist yet is skipped with nothing to read.
func partitionReaders(ctx context.Context, sec kafkaconn.Config, brokers, topics []string, start int64) ([]*kafka.Reader, error) {
	conn, err := dialAny(ctx, sec, brokers)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var readers []*kafka.Reader
	for _, t := range topics {
		parts, err := conn.ReadPartitions(t)
		if err != nil {
			// An unknown topic (e.g. no DLQ yet) has nothing to show.
			continue
		}
		for _, p := range parts {
			r := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, Dialer: sec.Dialer(), Topic: t, Partition: p.ID, MinBytes: 1, MaxBytes: 1 << 20, MaxWait: 200 * time.Millisecond})
			if err := r.SetOffset(start); err != nil {
				return nil, err
			}
			readers = append(readers, r)
		}
	}
	if len(readers) == 0 {
		return nil, fmt.Errorf("none of the topics %s exists yet", strings.Join(topics, ", "))
	}
	return readers, nil
}

// kafkaSecurity is the CLI's SASL and TLS to the brokers, from the same
// EOFFICE_KAFKA_SASL_* and EOFFICE_KAFKA_TLS_* as the services.
func (a *App) kafkaSecurity() (kafkaconn.Config, error) {
	sec, err := kafkaconn.FromEnv(a.Getenv)
	if err != nil {
		return sec, usagef("%v", err)
	}
	return sec, nil
}

// dialAny connects to the first broker that answers.
func dialAny(ctx context.Context, sec kafkaconn.Config, brokers []string) (*kafka.Conn, error) {
	var errs []error
	d := sec.Dialer()
	d.Timeout = 5 * time.Second
	for _, b := range brokers {
		conn, err := d.DialContext(ctx, "tcp", b)
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
	}
	return nil, fmt.Errorf("reach the broker %s: %w", strings.Join(brokers, ","), errors.Join(errs...))
}

func pump(ctx context.Context, r *kafka.Reader, out chan<- kafka.Message, errs chan<- error) {
	defer r.Close()
	for {
		m, err := r.ReadMessage(ctx)
		if err != nil {
			if ctx.Err() == nil && !errors.Is(err, io.EOF) {
				select {
				case errs <- err:
				default:
				}
			}
			return
		}
		select {
		case out <- m:
		case <-ctx.Done():
			return
		}
	}
}

// eventLine is an event as --json prints it.
type eventLine struct {
	Topic     string            `json:"topic"`
	Partition int               `json:"partition"`
	Offset    int64             `json:"offset"`
	Key       string            `json:"key"`
	ID        string            `json:"id,omitempty"`
	Type      string            `json:"type,omitempty"`
	Source    string            `json:"source,omitempty"`
	Time      string            `json:"time,omitempty"`
	Headers   map[string]string `json:"headers"`
	Data      json.RawMessage   `json:"data"`
}

func toLine(m kafka.Message) eventLine {
	l := eventLine{Topic: m.Topic, Partition: m.Partition, Offset: m.Offset, Key: string(m.Key), Headers: map[string]string{}}
	for _, h := range m.Headers {
		l.Headers[h.Key] = string(h.Value)
	}
	l.ID, l.Type, l.Source, l.Time = l.Headers["ce_id"], l.Headers["ce_type"], l.Headers["ce_source"], l.Headers["ce_time"]
	if json.Valid(m.Value) {
		var buf bytes.Buffer
		if json.Compact(&buf, m.Value) == nil {
			l.Data = buf.Bytes()
		}
	}
	if l.Data == nil {
		// Not JSON (a poison message): show it as a string, not lose it.
		s, _ := json.Marshal(string(m.Value))
		l.Data = s
	}
	return l
}

// printEvent writes one line: time, topic, short type, key, id, payload;
// or the JSON object with every header.
func printEvent(w io.Writer, m kafka.Message, asJSON bool) error {
	l := toLine(m)
	if asJSON {
		raw, err := json.Marshal(l)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", raw)
		return err
	}
	when := l.Time
	if t, err := time.Parse(time.RFC3339Nano, l.Time); err == nil {
		when = t.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	typ := orDash(strings.TrimPrefix(l.Type, events.TypePrefix))
	if r := l.Headers["eoffice_dlq_reason"]; r != "" {
		typ += " [dlq: " + r + "]"
	}
	_, err := fmt.Fprintf(w, "%s %s %s key=%s id=%s %s\n", orDash(when), l.Topic, typ, orDash(l.Key), orDash(l.ID), l.Data)
	return err
}
