package consumer

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
)

// Webhooks are the handlers of every topic for GroupWebhooks: each event
// type owes a delivery to each active webhook subscribed to it. The group
// runs with lazy payloads (messaging.ConsumerConfig.LazyPayloads): most
// types have no webhook, and their payloads need not be parsed.
func (h *Handlers) Webhooks() map[string]messaging.Handler {
	out := map[string]messaging.Handler{}
	for _, t := range events.All() {
		out[t] = h.OweDeliveries
	}
	return out
}

// OweDeliveries has the app owe ev to the webhooks subscribed to it, in
// the consumer's transaction; an event of no known type, or whose payload
// does not decode while a webhook is subscribed to it, never will be owed
// and goes to the dead-letter topic (with none subscribed, nothing is owed
// and nothing reads it: the group of its true readers dead-letters it).
func (h *Handlers) OweDeliveries(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	short, ok := ev.Short()
	if !ok {
		return messaging.Permanent(fmt.Errorf("unknown event type %q", ev.Type))
	}
	err := h.deliveries.Owe(ctx, h.bind(tx), short, ev)
	if errors.Is(err, envelope.ErrMalformed) {
		return messaging.Permanent(err)
	}
	return err
}
