package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

func (s *service) ListWebhooks(ctx context.Context) ([]domain.Webhook, error) {
	p, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	owner := p.Subject
	if p.HasRole(auth.RoleAdmin) {
		owner = ""
	}
	return s.store.Webhooks(ctx, owner)
}
