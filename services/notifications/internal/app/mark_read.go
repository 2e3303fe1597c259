package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

func (s *service) MarkRead(ctx context.Context, id string) (domain.Notification, error) {
	p, err := caller(ctx)
	if err != nil {
		return domain.Notification{}, err
	}
	// Only the owner's row matches, so someone else's notification is not
	// found, exactly as one that does not exist.
	n, err := s.store.MarkRead(ctx, p.Subject, id, s.now())
	if errors.Is(err, domain.ErrNotFound) {
		return n, apperr.NotFound("notification")
	}
	return n, err
}
