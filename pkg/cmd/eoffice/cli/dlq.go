package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/segmentio/kafka-go"
)

// eoffice events dlq list|show|replay|drop: the dead letters of every
// topic, read from Kafka directly (like events tail); what an
// administrator does with them is recorded in events.TopicDLQAudit by
// pkg/messaging, under the name of the CLI session's user.

const dlqUsage = "events dlq: list [--topic T] [--type T] [--reason R] [--since WHEN] [--until WHEN] [--all] | show REF | replay REF... [--force] | drop REF... [--note TEXT]"

func runDLQ(ctx context.Context, a *App, args []string) error {
	if len(args) == 0 {
		return usagef(dlqUsage)
	}
	switch args[0] {
	case "list":
		return runDLQList(ctx, a, args[1:])
	case "show":
		return runDLQShow(ctx, a, args[1:])
	case "replay", "drop":
		return runDLQAct(ctx, a, args[0], args[1:])
	}
	return usagef(dlqUsage)
}

// deadLetters is the reader and writer of the dead-letter topics, on the
// brokers of --brokers or the environment, with its SASL and TLS.
func (a *App) deadLetters(brokers string) (*messaging.DeadLetters, error) {
	sec, err := a.kafkaSecurity()
	if err != nil {
		return nil, err
	}
	return messaging.NewDeadLetters(a.brokers(brokers), sec), nil
}

// dlqTopics turns --topic values into dead-letter topics; none is every
// topic's.
func dlqTopics(names []string) ([]string, error) {
	if len(names) == 0 {
		var out []string
		for _, t := range events.Topics() {
			if strings.HasSuffix(t, events.DLQSuffix) {
				out = append(out, t)
			}
		}
		return out, nil
	}
	var expanded []string
	for _, n := range names {
		for _, part := range strings.Split(n, ",") {
			if part == "exchange" { // not among events tail's short names
				part = events.TopicExchange
			}
			expanded = append(expanded, part)
		}
	}
	topics, err := resolveTopics(expanded, false)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range topics {
		if !strings.HasSuffix(t, events.DLQSuffix) {
			t += events.DLQSuffix
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// parseWhen reads a time bound: a duration back from now ("24h"), a date
// (dd/mm/yyyy or yyyy-mm-dd, local midnight) or an RFC 3339 time.
func parseWhen(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := time.ParseDuration(s); err == nil {
		return now.Add(-d), nil
	}
	for _, layout := range []string{"02/01/2006", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, usagef("%q is not a time: 24h (back from now), dd/mm/yyyy or an RFC 3339 time", s)
}

// dlqFilter selects dead letters.
type dlqFilter struct {
	typ, reason  string
	since, until time.Time
	all          bool // handled ones too
}

func (f dlqFilter) match(d messaging.DeadLetter) bool {
	switch {
	case f.typ != "" && d.Type != f.typ && d.Type != events.TypePrefix+f.typ:
		return false
	case f.reason != "" && d.Reason != f.reason:
		return false
	case !f.since.IsZero() && d.Time.Before(f.since):
		return false
	case !f.until.IsZero() && !d.Time.Before(f.until):
		return false
	case !f.all && d.Handled != nil:
		return false
	}
	return true
}

func runDLQList(ctx context.Context, a *App, args []string) error {
	f := a.flags("events dlq list")
	var topicNames multiFlag
	f.Var(&topicNames, "topic", "topic: identity, documents, tasks, notifications, exchange or a full name; repeatable (default: every dead-letter topic)")
	typ := f.String("type", "", "only this event type (task.assigned or vn.eoffice.task.assigned)")
	reason := f.String("reason", "", "only this reason: malformed, unknown_type, untrusted, permanent, max_attempts")
	since := f.String("since", "", "dead-lettered at or after: 24h (back from now), dd/mm/yyyy or an RFC 3339 time")
	until := f.String("until", "", "dead-lettered before: 24h (back from now), dd/mm/yyyy or an RFC 3339 time")
	all := f.Bool("all", false, "also those already replayed or dropped")
	brokers := f.String("brokers", "", "Kafka brokers, comma-separated (default EOFFICE_KAFKA_BROKERS, else EOFFICE_KAFKA_ADDR, else 127.0.0.1:9092)")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	topics, err := dlqTopics(topicNames)
	if err != nil {
		return err
	}
	now := time.Now()
	flt := dlqFilter{typ: *typ, reason: *reason, all: *all}
	if flt.since, err = parseWhen(*since, now); err != nil {
		return err
	}
	if flt.until, err = parseWhen(*until, now); err != nil {
		return err
	}
	dl, err := a.deadLetters(*brokers)
	if err != nil {
		return err
	}
	got, err := dl.List(ctx, topics)
	if err != nil {
		return err
	}
	var shown []messaging.DeadLetter
	for _, d := range got {
		if flt.match(d) {
			shown = append(shown, d)
		}
	}
	if *f.json {
		out := make([]dlqLine, 0, len(shown))
		for _, d := range shown {
			out = append(out, toDLQLine(d, false))
		}
		return printJSON(a.Stdout, out)
	}
	if len(shown) == 0 {
		_, err := fmt.Fprintln(a.Stdout, a.tr("no dead letters"))
		return err
	}
	header := []string{a.tr("REF"), a.tr("DEAD-LETTERED"), a.tr("TYPE"), a.tr("REASON"), a.tr("GROUP"), a.tr("ERROR")}
	if *all {
		header = append(header, a.tr("HANDLED"))
	}
	var rows [][]string
	for _, d := range shown {
		r := []string{d.Ref(), a.when(d.Time), orDash(strings.TrimPrefix(d.Type, events.TypePrefix)), a.reasonText(d.Reason), orDash(d.Group), cut(orDash(d.Error), 60)}
		if *all {
			r = append(r, a.handledText(d.Handled))
		}
		rows = append(rows, r)
	}
	return table(a.Stdout, header, rows)
}

func runDLQShow(ctx context.Context, a *App, args []string) error {
	f := a.flags("events dlq show")
	brokers := f.String("brokers", "", "Kafka brokers, comma-separated (default EOFFICE_KAFKA_BROKERS, else EOFFICE_KAFKA_ADDR, else 127.0.0.1:9092)")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	dl, err := a.deadLetters(*brokers)
	if err != nil {
		return err
	}
	d, err := dl.Get(ctx, pos[0])
	if err != nil {
		return a.dlqError(err)
	}
	l := toDLQLine(d, true)
	if *f.json {
		return printJSON(a.Stdout, l)
	}
	if err := fields(a.Stdout,
		a.tr("ref"), l.Ref, a.tr("dead-lettered"), a.when(d.Time), a.tr("original topic"), l.OriginalTopic,
		a.tr("type"), l.Type, "ce_id", l.ID, a.tr("reason"), a.reasonText(l.Reason), a.tr("group"), l.Group,
		a.tr("error"), l.Error, a.tr("handled"), a.handledText(d.Handled)); err != nil {
		return err
	}
	fmt.Fprintln(a.Stdout, a.tr("headers")+":")
	for _, h := range d.Headers {
		fmt.Fprintf(a.Stdout, "  %s: %s\n", h.Key, h.Value)
	}
	fmt.Fprintln(a.Stdout, a.tr("payload")+":")
	var pretty bytes.Buffer
	if json.Indent(&pretty, d.Value, "  ", "  ") == nil {
		_, err = fmt.Fprintf(a.Stdout, "  %s\n", pretty.Bytes())
	} else {
		_, err = fmt.Fprintf(a.Stdout, "  %q\n", d.Value) // not JSON: a poison message
	}
	return err
}

func runDLQAct(ctx context.Context, a *App, action string, args []string) error {
	f := a.flags("events dlq " + action)
	brokers := f.String("brokers", "", "Kafka brokers, comma-separated (default EOFFICE_KAFKA_BROKERS, else EOFFICE_KAFKA_ADDR, else 127.0.0.1:9092)")
	force := f.Bool("force", false, "replay or drop again one already replayed or dropped")
	note := f.String("note", "", "why it is dropped, kept in the audit record")
	refs, err := f.parse(args, 1, -1)
	if err != nil {
		return err
	}
	who, err := a.administrator(ctx)
	if err != nil {
		return err
	}
	dl, err := a.deadLetters(*brokers)
	if err != nil {
		return err
	}
	var done []messaging.AuditRecord
	for _, ref := range refs {
		d, err := dl.Get(ctx, ref)
		if err != nil {
			return a.dlqError(err)
		}
		if d.Handled != nil && !*force {
			return errors.New(a.trf("%s was already %s by %s at %s; --force to do it again", ref,
				a.tr(d.Handled.Action), d.Handled.By, a.when(d.Handled.At)))
		}
		var rec messaging.AuditRecord
		if action == "replay" {
			rec, err = dl.Replay(ctx, d, who)
		} else {
			rec, err = dl.Drop(ctx, d, who, *note)
		}
		if err != nil {
			return err
		}
		done = append(done, rec)
		if !*f.json {
			if action == "replay" {
				fmt.Fprintln(a.Stdout, a.trf("%s replayed to %s (ce_id %s) by %s", ref, rec.Topic, orDash(rec.ID), who))
			} else {
				fmt.Fprintln(a.Stdout, a.trf("%s dropped by %s", ref, who))
			}
		}
	}
	if *f.json {
		return printJSON(a.Stdout, done)
	}
	return nil
}

// administrator is the session's user, who must be an administrator:
// replaying and dropping change what the services will do.
func (a *App) administrator(ctx context.Context) (string, error) {
	c, err := a.client()
	if err != nil {
		return "", err
	}
	var me identityapi.User
	if err := c.Do(ctx, client.Identity, "GET", "/v1/me", nil, &me); err != nil {
		return "", err
	}
	if !slices.Contains(me.Roles, "admin") {
		return "", errors.New(a.trf("replaying and dropping dead letters needs an administrator; %s is not one", me.Username))
	}
	return me.Username, nil
}

func (a *App) dlqError(err error) error {
	if errors.Is(err, messaging.ErrNoDeadLetter) {
		return errors.New(a.trf("no dead letter at %s (eoffice events dlq list shows their references)", strings.TrimSuffix(err.Error(), ": "+messaging.ErrNoDeadLetter.Error())))
	}
	if strings.Contains(err.Error(), "is not topic/partition/offset") {
		return usagef("%v", err)
	}
	return err
}

// when is a time as people read it: hh:mm:ss dd/mm/yyyy, local time.
func (a *App) when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("15:04:05 02/01/2006")
}

func (a *App) reasonText(r string) string {
	if r == "" {
		return "-"
	}
	if a.lang == "en" {
		return r
	}
	return a.tr("reason:" + r)
}

func (a *App) handledText(h *messaging.AuditRecord) string {
	if h == nil {
		return a.tr("not yet")
	}
	return a.trf("%s by %s at %s", a.tr(h.Action), h.By, a.when(h.At))
}

// dlqLine is a dead letter as --json prints it.
type dlqLine struct {
	Ref           string                 `json:"ref"`
	Topic         string                 `json:"topic"`
	Partition     int                    `json:"partition"`
	Offset        int64                  `json:"offset"`
	Time          time.Time              `json:"time"`
	OriginalTopic string                 `json:"original_topic"`
	ID            string                 `json:"ce_id,omitempty"`
	Type          string                 `json:"ce_type,omitempty"`
	Reason        string                 `json:"reason"`
	Error         string                 `json:"error,omitempty"`
	Group         string                 `json:"group,omitempty"`
	Key           string                 `json:"key"`
	Handled       *messaging.AuditRecord `json:"handled,omitempty"`
	Headers       map[string]string      `json:"headers,omitempty"`
	Data          json.RawMessage        `json:"data,omitempty"`
}

func toDLQLine(d messaging.DeadLetter, full bool) dlqLine {
	l := dlqLine{Ref: d.Ref(), Topic: d.Topic, Partition: d.Partition, Offset: d.Offset, Time: d.Time.UTC(),
		OriginalTopic: d.OriginalTopic, ID: d.ID, Type: d.Type, Reason: d.Reason, Error: d.Error, Group: d.Group,
		Key: string(d.Key), Handled: d.Handled}
	if full {
		l.Headers = map[string]string{}
		for _, h := range d.Headers {
			l.Headers[h.Key] = string(h.Value)
		}
		l.Data = toLine(messageOf(d)).Data
	}
	return l
}

func messageOf(d messaging.DeadLetter) kafka.Message {
	return kafka.Message{Topic: d.Topic, Partition: d.Partition, Offset: d.Offset, Key: d.Key, Value: d.Value, Headers: d.Headers}
}
