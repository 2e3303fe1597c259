package mail

import (
	"google.golang.org/protobuf/proto"

	"context"
	"log/slog"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
)

// Outbox writes events in a transaction; *messaging.Outbox does.
type Outbox interface {
	Add(ctx context.Context, tx *pkgstore.Tx, evs ...envelope.Event) error
}

// SenderConfig tunes the sender.
type SenderConfig struct {
	MaxAttempts int           // then the e-mail fails (email.failed); default 8
	BaseBackoff time.Duration // first retry's wait, doubled each time; default 10 s
	MaxBackoff  time.Duration // default 30 min
	Poll        time.Duration // default 500 ms
	Lease       time.Duration // how long a claimed e-mail is ours; default 2 min (> SMTP timeout)
	Source      string        // ce_source of the events it emits
}

func (c *SenderConfig) defaults() {
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 8
	}
	if c.BaseBackoff <= 0 {
		c.BaseBackoff = 10 * time.Second
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = 30 * time.Minute
	}
	if c.Poll <= 0 {
		c.Poll = 500 * time.Millisecond
	}
	if c.Lease <= 0 {
		c.Lease = 2 * time.Minute
	}
	if c.Source == "" {
		c.Source = "/eoffice/notifications"
	}
}

// Sender sends the e-mail outbox through a transport: each e-mail once
// (claimed with a lease, marked sent in the database), urgent ones first,
// failures retried with exponential backoff until MaxAttempts.
type Sender struct {
	store     *store.Store
	outbox    Outbox
	transport Transport
	cfg       SenderConfig
	log       *slog.Logger
	now       func() time.Time
}

// NewSender returns the sender worker.
func NewSender(s *store.Store, outbox Outbox, t Transport, cfg SenderConfig, log *slog.Logger) *Sender {
	cfg.defaults()
	if log == nil {
		log = slog.Default()
	}
	return &Sender{store: s, outbox: outbox, transport: t, cfg: cfg, log: log, now: time.Now}
}

// Run sends until ctx ends.
func (s *Sender) Run(ctx context.Context) error {
	t := time.NewTicker(s.cfg.Poll)
	defer t.Stop()
	for {
		if _, err := s.RunOnce(ctx); err != nil && ctx.Err() == nil {
			s.log.WarnContext(ctx, "e-mail outbox", "error", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// RunOnce makes one attempt of each due e-mail it can claim; it returns how
// many it attempted.
func (s *Sender) RunOnce(ctx context.Context) (int, error) {
	ids, err := s.store.DueEmails(ctx, s.now(), 50)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		now := s.now()
		e, ok, err := s.store.ClaimEmail(ctx, id, now, now.Add(s.cfg.Lease))
		if err != nil {
			return n, err
		}
		if !ok {
			continue // another replica has it
		}
		if err := s.attempt(ctx, e); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func (s *Sender) attempt(ctx context.Context, e domain.Email) error {
	sendErr := s.transport.Send(ctx, e)
	attempts := e.Attempts + 1
	now := s.now()
	return s.store.DB().InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
		if sendErr == nil {
			if err := s.store.MarkEmailSent(ctx, tx, e.ID, attempts, now); err != nil {
				return err
			}
			return s.emit(ctx, tx, events.EmailSent, e.ID, &eventsv1.EmailSent{
				EmailId: e.ID, MessageId: e.MessageID, UserId: e.UserID,
				CauseEventId: e.CauseEventID, CauseEventType: e.CauseEventType, Attempts: int32(attempts),
			})
		}
		// The error text may name the server, never the recipient's address
		// in our own words; it is logged without the address.
		msg := sendErr.Error()
		if len(msg) > 500 {
			msg = msg[:500]
		}
		giveUp := attempts >= s.cfg.MaxAttempts
		next := now.Add(domain.Backoff(s.cfg.BaseBackoff, s.cfg.MaxBackoff, attempts))
		if err := s.store.MarkEmailFailed(ctx, tx, e.ID, attempts, next, giveUp, msg); err != nil {
			return err
		}
		s.log.WarnContext(ctx, "e-mail not sent", "email_id", e.ID, "attempts", attempts, "give_up", giveUp)
		if !giveUp {
			return nil
		}
		return s.emit(ctx, tx, events.EmailFailed, e.ID, &eventsv1.EmailFailed{
			EmailId: e.ID, MessageId: e.MessageID, UserId: e.UserID,
			CauseEventId: e.CauseEventID, CauseEventType: e.CauseEventType, Attempts: int32(attempts), Error: msg,
		})
	})
}

func (s *Sender) emit(ctx context.Context, tx *pkgstore.Tx, short, subject string, payload proto.Message) error {
	ev, err := envelope.New(ctx, s.cfg.Source, short, subject, payload)
	if err != nil {
		return err
	}
	return s.outbox.Add(ctx, tx, ev)
}
