package app

import (
	"context"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// RecordUser keeps the people read model from identity's user.created and
// user.updated (each carries the whole user), as of the event's time.
func (a *App) RecordUser(ctx context.Context, tx *store.Tx, u domain.User, eventTime time.Time) error {
	if err := u.Validate(); err != nil {
		return fmt.Errorf("user: %w", err)
	}
	return a.repo.SaveUser(ctx, tx, u, eventTime)
}

// DeactivateUser records identity's user.deactivated: the person can no
// longer be named on a task.
func (a *App) DeactivateUser(ctx context.Context, tx *store.Tx, id, unitID string, eventTime time.Time) error {
	if err := (domain.User{ID: id}).Validate(); err != nil {
		return fmt.Errorf("user: %w", err)
	}
	return a.repo.DeactivateUser(ctx, tx, id, unitID, eventTime)
}
