package app

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/recipients"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
)

// The ports: what the use cases need of the store, which owns every
// transaction. The HTTP use cases' (Repository: store.Repo) each run in
// their own; the event rules' (NotifyStore, DeliveryStore: store.Bound)
// are bound by the consumer to the transaction that records the event as
// handled, so that what a rule writes commits with it, once.

// Notifications are a person's in-app notifications.
type Notifications interface {
	List(ctx context.Context, f domain.NotificationFilter) (items []domain.Notification, more bool, err error)
	UnreadCount(ctx context.Context, userID string) (int, error)
	// MarkRead keeps the first read time; someone else's notification is
	// domain.ErrNotFound.
	MarkRead(ctx context.Context, userID, id string, at time.Time) (domain.Notification, error)
}

// Webhooks are the integrations' webhooks and their delivery logs.
type Webhooks interface {
	// Webhook is domain.ErrNotFound once deleted.
	Webhook(ctx context.Context, id string) (domain.Webhook, error)
	Webhooks(ctx context.Context, owner string) ([]domain.Webhook, error)
	// RegisterWebhook stores w and its owner's kind (domain.OwnerUser,
	// domain.OwnerClient) in one transaction.
	RegisterWebhook(ctx context.Context, w domain.Webhook, ownerKind string) error
	// UpdateWebhook hands update the webhook as stored, in a transaction
	// that holds it, and stores what update changed (store.UpdateWebhook).
	UpdateWebhook(ctx context.Context, id string, update func(ctx context.Context, w *domain.Webhook) error) (domain.Webhook, error)
	// EnableWebhook also makes its pending deliveries due now.
	EnableWebhook(ctx context.Context, id string, now time.Time) error
	// DeleteWebhook also cancels its pending deliveries, returning them.
	DeleteWebhook(ctx context.Context, id string, at time.Time) (cancelled []string, err error)
	Deliveries(ctx context.Context, webhookID string, after *domain.DeliveryCursor, limit int) ([]domain.Delivery, bool, error)
}

// Clients are the integration clients as the directory knows them.
type Clients interface {
	Client(ctx context.Context, id string) (domain.Client, error)
	AddClientIfUnknown(ctx context.Context, c domain.Client) error
}

// Repository is every port of the HTTP use cases.
type Repository interface {
	Notifications
	Webhooks
	Clients
}

// NotifyStore is what a notification rule reads and writes while its
// event is handled: the recipient directory, and the notifications and
// e-mails it adds.
type NotifyStore interface {
	recipients.Directory
	// DirectoryHorizon is the time of the newest identity event the
	// directory has applied.
	DirectoryHorizon(ctx context.Context) (time.Time, error)
	// AddNotification adds n unless its person has one of its type for
	// its event; created says whether it did.
	AddNotification(ctx context.Context, n domain.Notification) (created bool, err error)
	AddEmail(ctx context.Context, e domain.Email) error
}

// DeliveryStore is what owing an event to the webhooks reads and writes
// while the event is handled.
type DeliveryStore interface {
	webhook.Directory
	ActiveWebhooksFor(ctx context.Context, eventType string) ([]string, error)
	AddDelivery(ctx context.Context, d domain.Delivery) (created bool, err error)
}

// EventStore is what the event rules (notifications and webhook
// deliveries) read and write in the transaction an event is handled in.
type EventStore interface {
	NotifyStore
	DeliveryStore
}
