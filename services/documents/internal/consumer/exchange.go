package consumer

import (
	"context"
	"errors"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
)

// exchangeReceived queues an accepted package's intake; an event that
// names no package or no agency never will, and goes to the dead letters.
func exchangeReceived(bind func(*store.Tx) app.TaskWrites) messaging.Handler {
	return func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
		var p eventsv1.ExchangeDocumentReceived
		if err := ev.Decode(&p); err != nil {
			return messaging.Permanent(err)
		}
		if p.PackageId == "" || p.RecipientAgencyId == "" {
			return messaging.Permanent(errors.New("exchange.document_received: no package or no recipient agency"))
		}
		// Due from now on this side: the producer's clock may run ahead.
		return app.QueuePackage(ctx, bind(tx), &p, time.Now())
	}
}
