package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/recipients"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// ErrRecipientsNotYetKnown is returned while the recipient directory may
// still be catching up with identity: the event must be handled again later
// (the consumer retries it with backoff), never dropped.
var ErrRecipientsNotYetKnown = errors.New("recipients not yet known")

// DefaultLeaderGrace is how long after an event a unit without a leader is
// taken for directory lag rather than a fact. It must stay below the time
// the consumer keeps retrying a message (pkg/messaging: 8 attempts, backoff
// from 50 ms doubling to 5 s with ±50 % jitter, so at least ~3.2 s) or a
// unit that truly has no leader would be dead-lettered instead of accepted.
const DefaultLeaderGrace = 3 * time.Second

// Event is the consumed event a notification comes from.
type Event struct {
	ID   string    // ce_id: with the type, what makes a notification unique per person
	Time time.Time // ce_time
}

// Notifier turns events into notifications: it applies the rules (who is
// told what), renders the texts and delivers them on every channel; in-app
// only for now.
type Notifier struct {
	store   *store.Store
	resolve *recipients.Resolver
	log     *slog.Logger
	now     func() time.Time
	grace   time.Duration
}

// NotifierOption configures a Notifier.
type NotifierOption func(*Notifier)

// WithClock sets the clock (tests).
func WithClock(now func() time.Time) NotifierOption { return func(n *Notifier) { n.now = now } }

// WithLeaderGrace overrides DefaultLeaderGrace.
func WithLeaderGrace(d time.Duration) NotifierOption { return func(n *Notifier) { n.grace = d } }

// NewNotifier returns a Notifier on s.
func NewNotifier(s *store.Store, log *slog.Logger, opts ...NotifierOption) *Notifier {
	n := &Notifier{store: s, resolve: recipients.New(s), log: log, now: time.Now, grace: DefaultLeaderGrace}
	for _, o := range opts {
		o(n)
	}
	if n.log == nil {
		n.log = slog.Default()
	}
	return n
}

// deliver gives each person msg once for the event; it returns how many
// notifications were new.
func (n *Notifier) deliver(ctx context.Context, tx *pkgstore.Tx, ev Event, typ string, to []domain.Person, msg templates.Message) (int, error) {
	created := 0
	now := n.now().UTC()
	for _, p := range to {
		id, err := uuid.NewV7()
		if err != nil {
			return created, fmt.Errorf("notification id: %w", err)
		}
		ok, err := n.store.AddNotification(ctx, tx, domain.Notification{
			ID: id.String(), UserID: p.ID, EventID: ev.ID, Type: typ,
			Title: msg.Title, Body: msg.Body, Link: msg.Link, CreatedAt: now,
		})
		if err != nil {
			return created, err
		}
		if ok {
			created++
		}
	}
	return created, nil
}
