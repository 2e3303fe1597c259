package app

import (
	"context"
	"errors"
	"log/slog"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// RotateRequest is a new signing secret and how long the replaced one
// still signs (nil: domain.DefaultSecretGrace).
type RotateRequest struct {
	Secret       string
	GraceSeconds *int
}

// webhookOf loads the caller's webhook (an administrator: any). Someone
// else's is not found, as one that does not exist; changing it further
// needs the right to manage webhooks (a client that lost its scope may
// still look).
func (s *service) webhookOf(ctx context.Context, id string, change bool) (domain.Webhook, error) {
	p, err := caller(ctx)
	if err != nil {
		return domain.Webhook{}, err
	}
	w, err := s.store.Webhook(ctx, id)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && !domain.MaySeeWebhook(p, w)) {
		return domain.Webhook{}, apperr.NotFound("webhook")
	}
	if err != nil {
		return domain.Webhook{}, err
	}
	if change && !domain.MayManageWebhooks(p) {
		return domain.Webhook{}, apperr.Forbidden("only an administrator or an integration client with the webhooks scope changes webhooks")
	}
	return w, nil
}

// notFoundIfGone maps a webhook deleted meanwhile to 404.
func notFoundIfGone(err error) error {
	if errors.Is(err, domain.ErrNotFound) {
		return apperr.NotFound("webhook")
	}
	return err
}

func (s *service) GetWebhook(ctx context.Context, id string) (domain.Webhook, error) {
	return s.webhookOf(ctx, id, false)
}

func (s *service) DeleteWebhook(ctx context.Context, id string) error {
	w, err := s.webhookOf(ctx, id, true)
	if err != nil {
		return err
	}
	cancelled, err := s.store.DeleteWebhook(ctx, w.ID, s.now().UTC())
	if err != nil {
		return notFoundIfGone(err)
	}
	p, _ := caller(ctx)
	// Each cancelled delivery is named, for support: the integrator will
	// never receive these events.
	slog.InfoContext(ctx, "webhook deleted", "webhook_id", w.ID, "by", p.Subject, "cancelled_deliveries", len(cancelled))
	for _, d := range cancelled {
		slog.InfoContext(ctx, "webhook delivery cancelled", "webhook_id", w.ID, "delivery_id", d)
	}
	return nil
}

func (s *service) EnableWebhook(ctx context.Context, id string) (domain.Webhook, error) {
	w, err := s.webhookOf(ctx, id, true)
	if err != nil {
		return domain.Webhook{}, err
	}
	if err := s.store.EnableWebhook(ctx, w.ID, s.now().UTC()); err != nil {
		return domain.Webhook{}, notFoundIfGone(err)
	}
	return s.reload(ctx, w.ID)
}

func (s *service) RotateWebhookSecret(ctx context.Context, id string, r RotateRequest) (domain.Webhook, error) {
	w, err := s.webhookOf(ctx, id, true)
	if err != nil {
		return domain.Webhook{}, err
	}
	// Checked against the secret as stored when it is replaced, so that
	// two rotations at once cannot both pass the check on the same one.
	rotated, err := s.store.UpdateWebhook(ctx, w.ID, func(_ context.Context, w *domain.Webhook) error {
		grace, err := domain.ValidateRotation(*w, r.Secret, r.GraceSeconds)
		if err != nil {
			return err
		}
		w.Rotate(r.Secret, s.now().UTC().Add(grace))
		return nil
	})
	return rotated, notFoundIfGone(err)
}

func (s *service) reload(ctx context.Context, id string) (domain.Webhook, error) {
	w, err := s.store.Webhook(ctx, id)
	return w, notFoundIfGone(err)
}
