// Package app holds the notifications service's use cases: what a person
// may do with their in-app notifications (Service), and what the service
// does when an event arrives (Notifier).
package app

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// Service is what the caller may do with their own notifications.
type Service interface {
	// ListNotifications returns a page of the caller's notifications,
	// newest first.
	ListNotifications(ctx context.Context, q ListQuery) (Page, error)
	// MarkRead marks the caller's notification read (again: no change) and
	// returns it; someone else's is not found.
	MarkRead(ctx context.Context, id string) (domain.Notification, error)
	// UnreadCount counts the caller's unread notifications.
	UnreadCount(ctx context.Context) (int, error)
	// RegisterWebhook subscribes a URL to event types, for an administrator
	// or an integration client with the webhooks scope.
	RegisterWebhook(ctx context.Context, r WebhookRequest) (domain.Webhook, error)
	// ListWebhooks lists the caller's webhooks (an administrator: all).
	ListWebhooks(ctx context.Context) ([]domain.Webhook, error)
	// ListDeliveries is the delivery log of the caller's webhook.
	ListDeliveries(ctx context.Context, webhookID string, page httpx.Page) (DeliveryPage, error)
	// GetWebhook returns the caller's webhook (an administrator: any).
	GetWebhook(ctx context.Context, id string) (domain.Webhook, error)
	// DeleteWebhook stops the caller's webhook for good and cancels its
	// pending deliveries.
	DeleteWebhook(ctx context.Context, id string) error
	// EnableWebhook makes the caller's webhook active again (one disabled
	// after consecutive failures) with no failures counted.
	EnableWebhook(ctx context.Context, id string) (domain.Webhook, error)
	// RotateWebhookSecret replaces the signing secret; for a grace period
	// deliveries are signed under both.
	RotateWebhookSecret(ctx context.Context, id string, r RotateRequest) (domain.Webhook, error)
}

// ListQuery selects a page of the caller's notifications.
type ListQuery struct {
	Unread *bool // nil: all; true: unread only; false: read only
	Page   httpx.Page
}

// Page is one page of notifications and the cursor of the next, if any.
type Page struct {
	Items      []domain.Notification
	NextCursor string
}

type service struct {
	store Repository
	now   func() time.Time
	hosts HostChecker
}

// HostChecker decides whether webhooks may reach a host (webhook.Guard).
type HostChecker interface {
	CheckHost(ctx context.Context, host string) error
}

// New returns the Service on r (store.Repo); now is the clock (nil:
// time.Now); hosts checks webhook hosts.
func New(r Repository, now func() time.Time, hosts HostChecker) Service {
	if now == nil {
		now = time.Now
	}
	return &service{store: r, now: now, hosts: hosts}
}

// caller is the verified person calling; the transport's middleware put it
// in ctx, so its absence is a wiring error seen as unauthenticated.
func caller(ctx context.Context) (auth.Principal, error) {
	p, ok := auth.FromContext(ctx)
	if !ok || p.Subject == "" {
		return auth.Principal{}, apperr.Unauthorized("no authenticated caller")
	}
	return p, nil
}
