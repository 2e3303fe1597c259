package consumer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/google/uuid"
	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	nstore "github.com/eoffice-vn/eoffice/services/notifications/internal/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
)

// Webhooks are the handlers of every topic for GroupWebhooks: each event
// type owes a delivery to each active webhook subscribed to it.
func (h *Handlers) Webhooks() map[string]messaging.Handler {
	out := map[string]messaging.Handler{}
	for _, t := range events.All() {
		out[t] = h.OweDeliveries
	}
	return out
}

// OweDeliveries writes, in the consumer's transaction, one delivery per
// matching webhook, so that an accepted event is never lost on its way to
// an integration, and a redelivered one owes nothing more.
func (h *Handlers) OweDeliveries(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	short, ok := ev.Short()
	if !ok {
		return messaging.Permanent(fmt.Errorf("unknown event type %q", ev.Type))
	}
	hooks, err := h.store.ActiveWebhooksFor(ctx, tx, short)
	if err != nil || len(hooks) == 0 {
		return err
	}
	body, err := webhook.Body(ev)
	if err != nil {
		return messaging.Permanent(err)
	}
	msg, err := ev.Payload()
	if err != nil {
		return messaging.Permanent(err)
	}
	for _, w := range hooks {
		ok, err := h.mayReceive(ctx, tx, w, short, msg)
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
		if _, err := h.store.AddDelivery(ctx, tx, domain.Delivery{
			ID: id.String(), WebhookID: w, EventID: ev.ID, EventType: short, Body: body, CreatedAt: h.now().UTC(),
		}); err != nil {
			return err
		}
	}
	return nil
}

// mayReceive asks the audience rules whether webhook id may be owed the
// event; a refusal owes nothing (each attempt asks again, and records why).
func (h *Handlers) mayReceive(ctx context.Context, tx *store.Tx, id, short string, msg proto.Message) (bool, error) {
	w, err := h.store.Webhook(ctx, tx, id)
	if errors.Is(err, nstore.ErrNotFound) {
		return false, nil // deleted meanwhile
	}
	if err != nil {
		return false, err
	}
	ok, reason, err := webhook.Audience{Store: h.store}.Allows(ctx, tx, w, short, msg)
	if err == nil && !ok {
		slog.DebugContext(ctx, "webhook not owed the event", "webhook_id", id, "event_type", short, "reason", reason)
	}
	return ok, err
}
