package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// DeliveryPage is one page of a webhook's delivery log.
type DeliveryPage struct {
	Items      []domain.Delivery
	NextCursor string
}

func (s *service) ListDeliveries(ctx context.Context, webhookID string, page httpx.Page) (DeliveryPage, error) {
	p, err := caller(ctx)
	if err != nil {
		return DeliveryPage{}, err
	}
	w, err := s.store.Webhook(ctx, webhookID)
	// Someone else's webhook is not found, as one that does not exist.
	if errors.Is(err, domain.ErrNotFound) || (err == nil && !domain.MaySeeWebhook(p, w)) {
		return DeliveryPage{}, apperr.NotFound("webhook")
	}
	if err != nil {
		return DeliveryPage{}, err
	}
	limit := page.Limit
	if limit <= 0 {
		limit = httpx.DefaultLimit
	}
	var after *domain.DeliveryCursor
	if page.Cursor != nil {
		c, err := parseCursor(page.Cursor)
		if err != nil {
			return DeliveryPage{}, err
		}
		after = &domain.DeliveryCursor{CreatedAt: c.CreatedAt, ID: c.ID}
	}
	items, more, err := s.store.Deliveries(ctx, w.ID, after, limit)
	if err != nil {
		return DeliveryPage{}, err
	}
	out := DeliveryPage{Items: items}
	if more {
		c := DeliveryCursorOf(items[len(items)-1])
		out.NextCursor = httpx.EncodeCursor(c.CreatedAt, c.ID)
	}
	return out, nil
}
