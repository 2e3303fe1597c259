package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
)

// Deliveries owes the integrations' webhooks the events they subscribe to
// (package webhook then delivers them): webhooks follow events, not
// notifications.
type Deliveries struct {
	now func() time.Time
}

// NewDeliveries returns the deliveries' use case; now is the clock
// (time.Now when nil).
func NewDeliveries(now func() time.Time) *Deliveries {
	if now == nil {
		now = time.Now
	}
	return &Deliveries{now: now}
}

// Owe writes, through st (bound to the consumer's transaction), one
// delivery of ev (of type short) per active webhook subscribed to it whose
// audience may see it, so that an accepted event is never lost on its way
// to an integration, and a redelivered one owes nothing more. A payload
// that does not decode is envelope.ErrMalformed.
func (d *Deliveries) Owe(ctx context.Context, st DeliveryStore, short string, ev envelope.Event) error {
	hooks, err := st.ActiveWebhooksFor(ctx, short)
	if err != nil || len(hooks) == 0 {
		return err
	}
	body, err := webhook.Body(ev)
	if err != nil {
		return fmt.Errorf("%w: webhook body of %s: %v", envelope.ErrMalformed, ev.Type, err)
	}
	msg, err := ev.Payload()
	if err != nil {
		return err
	}
	// One event for every webhook: its facts are looked up once.
	audience := webhook.Audience{Dir: st}.Event(short, msg)
	for _, w := range hooks {
		ok, err := mayReceive(ctx, st, audience, w, short)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		id, err := uuid.NewV7()
		if err != nil {
			return err
		}
		if _, err := st.AddDelivery(ctx, domain.Delivery{
			ID: id.String(), WebhookID: w, EventID: ev.ID, EventType: short, Body: body, CreatedAt: d.now().UTC(),
		}); err != nil {
			return err
		}
	}
	return nil
}

// mayReceive asks the audience rules whether webhook id may be owed the
// event; a refusal owes nothing (each attempt asks again, and records why).
func mayReceive(ctx context.Context, st DeliveryStore, ev *webhook.Event, id, short string) (bool, error) {
	w, err := st.Webhook(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return false, nil // deleted meanwhile
	}
	if err != nil {
		return false, err
	}
	ok, reason, err := ev.Allows(ctx, w)
	if err == nil && !ok {
		slog.DebugContext(ctx, "webhook not owed the event", "webhook_id", id, "event_type", short, "reason", reason)
	}
	return ok, err
}
