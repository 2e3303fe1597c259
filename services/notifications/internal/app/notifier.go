package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// ErrRecipientsNotYetKnown is returned while the recipient directory may
// still be catching up with identity: the event must be handled again later
// (the consumer retries it with backoff), never dropped.
var ErrRecipientsNotYetKnown = errors.New("recipients not yet known")

// DefaultLeaderGrace is how long after an event nobody to tell is always
// taken for directory lag rather than a fact.
const DefaultLeaderGrace = 3 * time.Second

// DefaultMaxLag is how long after an event nobody to tell is taken for lag
// while the directory has applied no identity event as recent as it (the
// identity consumer may be slow to join or catching up after a restart).
// It must not exceed the time the consumer keeps retrying a message (the
// consumer's retry budget, messaging.DefaultRetryBudget, with
// consumer.MaxAttempts attempts), or a unit that truly has no one to tell
// would be dead-lettered instead of accepted.
const DefaultMaxLag = 10 * time.Second

// Event is the consumed event a notification comes from.
type Event struct {
	ID   string    // ce_id: with the type, what makes a notification unique per person
	Time time.Time // ce_time
}

// Notifier turns events into notifications: it applies the rules (who is
// told what), renders the texts and delivers them in-app and by e-mail (webhooks
// follow events, not notifications: see package webhook).
type Notifier struct {
	log    *slog.Logger
	now    func() time.Time
	grace  time.Duration
	maxLag time.Duration
	webURL string
}

// NotifierOption configures a Notifier.
type NotifierOption func(*Notifier)

// WithClock sets the clock (tests).
func WithClock(now func() time.Time) NotifierOption { return func(n *Notifier) { n.now = now } }

// WithLeaderGrace overrides DefaultLeaderGrace.
func WithLeaderGrace(d time.Duration) NotifierOption { return func(n *Notifier) { n.grace = d } }

// WithMaxLag overrides DefaultMaxLag.
func WithMaxLag(d time.Duration) NotifierOption { return func(n *Notifier) { n.maxLag = d } }

// WithWebURL sets the web console's base URL, for absolute links in e-mails.
func WithWebURL(u string) NotifierOption { return func(n *Notifier) { n.webURL = u } }

// NewNotifier returns a Notifier. Each rule is handed the store bound to
// the transaction its event is handled in (NotifyStore).
func NewNotifier(log *slog.Logger, opts ...NotifierOption) *Notifier {
	n := &Notifier{log: log, now: time.Now, grace: DefaultLeaderGrace, maxLag: DefaultMaxLag}
	for _, o := range opts {
		o(n)
	}
	if n.log == nil {
		n.log = slog.Default()
	}
	return n
}

// notify gives each person msg once for the event, in-app and, for those
// with an address, by e-mail (queued in the same transaction). Nobody to
// tell is taken for directory lag (the consumer retries) while the event is
// recent, or while the directory has applied no identity event as recent
// as it, up to the longest lag; after that it is a fact, logged.
func (n *Notifier) notify(ctx context.Context, st NotifyStore, ev Event, typ, about string, to []domain.Person, msg templates.Message, u domain.Urgency) error {
	if len(to) == 0 {
		age := n.now().Sub(ev.Time)
		if age < n.grace {
			return fmt.Errorf("%s: %w: nobody to tell yet (event %s old)", about, ErrRecipientsNotYetKnown, age.Round(time.Millisecond))
		}
		if age < n.maxLag {
			horizon, err := st.DirectoryHorizon(ctx)
			if err != nil {
				return fmt.Errorf("%s: %w", about, err)
			}
			if horizon.Before(ev.Time) {
				return fmt.Errorf("%s: %w: nobody to tell, and the directory is behind the event", about, ErrRecipientsNotYetKnown)
			}
		}
		n.log.WarnContext(ctx, "no active recipient; nobody notified", "type", typ, "about", about, "event_id", ev.ID)
		return nil
	}
	created, err := n.deliver(ctx, st, ev, typ, to, msg, u)
	if err != nil {
		return fmt.Errorf("%s: %w", about, err)
	}
	n.log.DebugContext(ctx, "notified", "type", typ, "about", about, "notifications", created)
	return nil
}

// deliver gives each person msg once for the event; it returns how many
// notifications were new. Only a new notification queues an e-mail, so a
// redelivered event sends nothing twice.
func (n *Notifier) deliver(ctx context.Context, st NotifyStore, ev Event, typ string, to []domain.Person, msg templates.Message, u domain.Urgency) (int, error) {
	created := 0
	now := n.now().UTC()
	for _, p := range to {
		id, err := uuid.NewV7()
		if err != nil {
			return created, fmt.Errorf("notification id: %w", err)
		}
		ok, err := st.AddNotification(ctx, domain.Notification{
			ID: id.String(), UserID: p.ID, EventID: ev.ID, Type: typ,
			Title: msg.Title, Body: msg.Body, Link: msg.Link, CreatedAt: now,
		})
		if err != nil {
			return created, err
		}
		if !ok {
			continue
		}
		created++
		if p.Email == "" {
			continue
		}
		mail := templates.RenderEmail(msg, p.FullName, n.webURL)
		if err := st.AddEmail(ctx, domain.Email{
			ID: id.String(), MessageID: domain.MessageIDFor(id.String()), UserID: p.ID,
			ToName: p.FullName, ToAddr: p.Email, Subject: mail.Subject, Text: mail.Text, HTML: mail.HTML,
			Priority: u.Rank(), CauseEventID: ev.ID, CauseEventType: typ, CreatedAt: now,
		}); err != nil {
			return created, err
		}
	}
	return created, nil
}

// unitName is how texts name a unit: its full name, else its short name.
func unitName(u domain.Unit) string {
	if u.Name != "" {
		return u.Name
	}
	return u.ShortName
}
