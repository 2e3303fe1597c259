package webhook

import (
	"context"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/worker"
)

// refuse checks, before each attempt, that the webhook's owner may still
// receive the delivery (its scopes, agency and state as the directory now
// knows them). A delivery it may not receive is not made: it is settled
// as refused, the reason in its log.
func (d *Deliverer) refuse(ctx context.Context, w domain.Webhook, dl domain.Delivery) (worker.Record, bool, error) {
	ok, reason, err := Audience{Dir: d.store.View(d.store.DB())}.AllowsBody(ctx, w, dl.Body)
	if err != nil || ok {
		return nil, false, err
	}
	now := d.now()
	a := domain.Attempt{Number: dl.Attempts + 1, At: now, Error: "not sent: " + reason}
	return func(ctx context.Context, tx *pkgstore.Tx) error {
		_, err := d.store.RecordAttempt(ctx, tx, dl.ID, store.Outcome{Attempt: a, Status: domain.DeliveryRefused, NextTry: now})
		return err
	}, true, nil
}
