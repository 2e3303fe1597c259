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
	"github.com/eoffice-vn/eoffice/services/notifications/internal/worker"
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
	Poll        time.Duration // fallback poll; a commit that queues an e-mail wakes the sender; default worker.DefaultPoll
	Lease       time.Duration // upper bound of one send (> SMTP timeout); default 2 min
	Batch       int           // e-mails claimed at once, sent in turn; default 20
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
	if c.Lease <= 0 {
		c.Lease = 2 * time.Minute
	}
	if c.Batch <= 0 {
		c.Batch = 20
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
	// Run sends until ctx ends: woken by each commit that queues an
	// e-mail, and when a retry falls due. RunOnce makes one attempt of each
	// due e-mail it can claim (one batch) and returns how many it recorded.
	*worker.Worker[domain.Email]
}

// NewSender returns the sender worker.
func NewSender(s *store.Store, outbox Outbox, t Transport, cfg SenderConfig, log *slog.Logger) *Sender {
	cfg.defaults()
	if log == nil {
		log = slog.Default()
	}
	snd := &Sender{store: s, outbox: outbox, transport: t, cfg: cfg, log: log, now: time.Now}
	// One at a time, in the claimed order: the most urgent goes first.
	q := worker.Queue[domain.Email]{Claim: s.ClaimEmails, NextDue: s.NextEmailDue,
		Attempt: func(ctx context.Context, e domain.Email) (worker.Record, error) { return snd.attempt(ctx, e), nil }}
	snd.Worker = worker.New(s.DB(), q, s.EmailsQueued(), worker.Config{
		Name: "e-mail outbox", Poll: cfg.Poll, Lease: cfg.Lease, Batch: cfg.Batch, Parallel: 1,
	}, log)
	return snd
}

// attempt sends e and says how to record the outcome.
func (s *Sender) attempt(ctx context.Context, e domain.Email) worker.Record {
	sendErr := s.transport.Send(ctx, e)
	attempts := e.Attempts + 1
	now := s.now()
	return func(ctx context.Context, tx *pkgstore.Tx) error {
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
	}
}

func (s *Sender) emit(ctx context.Context, tx *pkgstore.Tx, short, subject string, payload proto.Message) error {
	ev, err := envelope.New(ctx, s.cfg.Source, short, subject, payload)
	if err != nil {
		return err
	}
	return s.outbox.Add(ctx, tx, ev)
}
