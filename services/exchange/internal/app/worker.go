package app

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

// SendDue hands the due queued messages to the transport. A sent package
// becomes sent (exchange.package_sent); a failure is retried with backoff.
// The message's id is the transport's key, so a Send repeated after a
// crash before it was marked is one message at the gateway.
func (a *App) SendDue(ctx context.Context) (int, error) {
	ms, err := a.store.DueMessages(ctx, a.now(), 50)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range ms {
		if err := a.send(ctx, m); err != nil {
			if ctx.Err() != nil {
				return n, ctx.Err()
			}
			if err := a.sendFailed(ctx, m, err); err != nil {
				return n, err
			}
			continue
		}
		n++
	}
	return n, nil
}

// ErrUnknownRecipient: the gateway knows no system receiving for the
// message's To code; retrying does not help (the carrier wraps its own).
var ErrUnknownRecipient = errors.New("no system receives for that organisation code")

// sendFailed schedules the next attempt, or gives a package up when the
// gateway knows no such recipient (state failed with the reason).
func (a *App) sendFailed(ctx context.Context, m domain.Message, cause error) error {
	now := a.now()
	if errors.Is(cause, ErrUnknownRecipient) {
		a.log.WarnContext(ctx, "message given up: no such recipient", "message_id", m.ID, "package_id", m.PackageID, "to", m.To)
		return a.store.InTx(ctx, func(ctx context.Context, w Writes) error {
			if err := w.MessageGivenUp(ctx, m.ID, cause.Error(), now); err != nil || m.Type != domain.MessageEdoc {
				return err
			}
			p, err := w.Package(ctx, m.PackageID)
			if err != nil {
				return err
			}
			p.State, p.Reason, p.UpdatedAt = domain.StateFailed, "the exchange platform knows no system receiving for "+m.To, now
			return w.SavePackage(ctx, p)
		})
	}
	a.log.WarnContext(ctx, "send failed; retrying later", "message_id", m.ID, "package_id", m.PackageID, "error", cause)
	next := now.Add(domain.Backoff(m.Attempts + 1))
	return a.store.InTx(ctx, func(ctx context.Context, w Writes) error {
		return w.MessageFailed(ctx, m.ID, cause.Error(), next)
	})
}

func (a *App) send(ctx context.Context, m domain.Message) error {
	body := m.Body
	var p domain.Package
	if m.Type == domain.MessageEdoc {
		var err error
		if p, err = a.store.Package(ctx, m.PackageID); err != nil {
			return err
		}
		if body, err = a.readBlob(ctx, p.BodySHA256); err != nil {
			return err
		}
	}
	ref, err := a.transport.Send(ctx, m.ID, Message{Type: m.Type, From: m.From, To: m.To, Body: body})
	if err != nil {
		return err
	}
	now := a.now()
	return a.store.InTx(ctx, func(ctx context.Context, w Writes) error {
		if err := w.MessageSent(ctx, m.ID, ref, now); err != nil {
			return err
		}
		if m.Type != domain.MessageEdoc {
			return nil
		}
		cur, err := w.Package(ctx, p.ID)
		if err != nil {
			return err
		}
		cur.State, cur.UpdatedAt = domain.StateSent, now
		if moved, err := w.MovePackage(ctx, cur, domain.StateQueued); err != nil || !moved {
			return err // marked by another process, or a status came first
		}
		return a.emit(ctx, w, events.ExchangePackageSent, cur.ID, &eventsv1.ExchangePackageSent{PackageId: cur.ID,
			DocumentId: cur.DocumentID, IssuerUnitId: cur.IssuerUnitID, RecipientCode: cur.OrganisationCode,
			EdxmlDocumentId: cur.EdxmlDocumentID, Notation: cur.Notation, SentAt: rfc3339(now)})
	})
}

// CheckDelivered asks the transport whether sent packages arrived; a
// package still in state sent then reads delivered.
func (a *App) CheckDelivered(ctx context.Context) error {
	ms, err := a.store.SentMessages(ctx, 50)
	if err != nil {
		return err
	}
	for _, m := range ms {
		ok, err := a.transport.Delivered(ctx, m.Ref)
		if err != nil || !ok {
			continue
		}
		now := a.now()
		err = a.store.InTx(ctx, func(ctx context.Context, w Writes) error {
			if err := w.MessageDelivered(ctx, m.ID, now); err != nil {
				return err
			}
			p, err := w.Package(ctx, m.PackageID)
			if err != nil {
				return err
			}
			p.State, p.UpdatedAt = domain.StateDelivered, now
			_, err = w.MovePackage(ctx, p, domain.StateSent) // a status may have named it already
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Poll takes what the transport holds for us: each message is kept first,
// then acknowledged, then validated. A message that cannot be kept stays at
// the gateway for the next turn.
func (a *App) Poll(ctx context.Context) (int, error) {
	ms, err := a.transport.Pending(ctx, 20)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range ms {
		kept, err := a.Keep(ctx, m.Body, m.From, "")
		if errors.Is(err, ErrNotForUs) {
			a.log.WarnContext(ctx, "status dropped", "ref", m.Ref, "error", err)
		} else if err != nil {
			a.log.ErrorContext(ctx, "message not kept; left at the gateway", "ref", m.Ref, "error", err)
			continue
		}
		if err := a.transport.Ack(ctx, m.Ref); err != nil {
			return n, err
		}
		n++
		if kept.Package.ID != "" {
			if _, err := a.Validate(ctx, kept.Package.ID); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// Run is the exchange's background loop: announce our codes, take in,
// build, send, check deliveries, every interval (and at once after work).
func (a *App) Run(interval time.Duration) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		var announced []string
		for {
			busy := a.turn(ctx, &announced)
			if !busy {
				select {
				case <-ctx.Done():
					return ctx.Err()
				case <-time.After(interval):
				}
			} else if ctx.Err() != nil {
				return ctx.Err()
			}
		}
	}
}

func (a *App) turn(ctx context.Context, announced *[]string) (busy bool) {
	if codes, err := a.store.AgencyCodes(ctx); err == nil && !slices.Equal(codes, *announced) && len(codes) > 0 {
		if err := a.transport.Announce(ctx, codes); err != nil {
			a.log.WarnContext(ctx, "announce failed", "error", err)
		} else {
			*announced = codes
		}
	}
	got, err := a.Poll(ctx)
	if err != nil {
		a.log.WarnContext(ctx, "poll failed", "error", err)
	}
	// Packages kept but not decided: the process stopped between the two,
	// or identity could not be asked about their addressee.
	if err := a.ValidateReceived(ctx); err != nil {
		a.log.WarnContext(ctx, "validating kept packages", "error", err)
	}
	built, err := a.BuildPending(ctx)
	if err != nil {
		a.log.WarnContext(ctx, "build failed", "error", err)
	}
	sent, err := a.SendDue(ctx)
	if err != nil {
		a.log.WarnContext(ctx, "send failed", "error", err)
	}
	if err := a.CheckDelivered(ctx); err != nil {
		a.log.WarnContext(ctx, "delivery check failed", "error", err)
	}
	return got+built+sent > 0
}
