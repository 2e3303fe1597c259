package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
)

// WebhookRequest is what a caller registers.
type WebhookRequest struct {
	URL        string
	EventTypes []string
	Secret     string
}

func (s *service) RegisterWebhook(ctx context.Context, r WebhookRequest) (domain.Webhook, error) {
	p, err := caller(ctx)
	if err != nil {
		return domain.Webhook{}, err
	}
	if !domain.MayManageWebhooks(p) {
		return domain.Webhook{}, apperr.Forbidden("only an administrator or an integration client with the webhooks scope registers webhooks")
	}
	u, types, err := domain.ValidateWebhook(r.URL, r.EventTypes, r.Secret)
	if err != nil {
		return domain.Webhook{}, err
	}
	if err := s.hosts.CheckHost(ctx, u.Hostname()); err != nil {
		msg := "host does not resolve"
		if errors.Is(err, webhook.ErrForbiddenAddress) {
			msg = "must not point to a private, loopback or link-local address"
		}
		return domain.Webhook{}, apperr.Invalid("invalid webhook", apperr.FieldError{Field: "url", Message: msg})
	}
	id, err := uuid.NewV7()
	if err != nil {
		return domain.Webhook{}, fmt.Errorf("webhook id: %w", err)
	}
	w := domain.Webhook{
		ID: id.String(), OwnerID: p.Subject, URL: u.String(), EventTypes: types, Secret: r.Secret,
		Active: true, CreatedAt: s.now().UTC(),
	}
	if err := s.store.AddWebhook(ctx, w); err != nil {
		return domain.Webhook{}, err
	}
	return w, nil
}
