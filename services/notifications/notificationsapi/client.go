package notificationsapi

import (
	"context"
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// Client calls the notifications service's public API as one signed-in
// user or integration client.
type Client struct{ c *client.Client }

// New is the notifications service's client over c.
func New(c *client.Client) *Client { return &Client{c: c} }

func withQuery(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// Page reads one page of the caller's notifications.
func (c *Client) Page(ctx context.Context, r ListNotificationsRequest) (NotificationList, error) {
	var p NotificationList
	err := c.c.Do(ctx, client.Notifications, http.MethodGet, withQuery("/v1/notifications", r.Query()), nil, &p)
	return p, err
}

// UnreadCount is the number of the caller's unread notifications.
func (c *Client) UnreadCount(ctx context.Context) (int, error) {
	var out UnreadCount
	err := c.c.Do(ctx, client.Notifications, http.MethodGet, "/v1/notifications/unread-count", nil, &out)
	return out.Unread, err
}

// MarkRead marks a notification read.
func (c *Client) MarkRead(ctx context.Context, id string) error {
	return c.c.Do(ctx, client.Notifications, http.MethodPost, "/v1/notifications/"+url.PathEscape(id)+"/read", nil, nil)
}

func webhookPath(id string, rest string) string {
	return "/v1/webhooks/" + url.PathEscape(id) + rest
}

// RegisterWebhook subscribes a URL to event types; the secret is never
// shown again.
func (c *Client) RegisterWebhook(ctx context.Context, r WebhookRequest) (Webhook, error) {
	var out Webhook
	err := c.c.Do(ctx, client.Notifications, http.MethodPost, "/v1/webhooks", r, &out)
	return out, err
}

// Webhooks lists the caller's webhooks (an administrator's: all).
func (c *Client) Webhooks(ctx context.Context) ([]Webhook, error) {
	var out WebhookList
	err := c.c.Do(ctx, client.Notifications, http.MethodGet, "/v1/webhooks", nil, &out)
	return out.Items, err
}

// Webhook reads one of the caller's webhooks.
func (c *Client) Webhook(ctx context.Context, id string) (Webhook, error) {
	var out Webhook
	err := c.c.Do(ctx, client.Notifications, http.MethodGet, webhookPath(id, ""), nil, &out)
	return out, err
}

// DeleteWebhook stops a webhook for good; its pending deliveries are
// cancelled.
func (c *Client) DeleteWebhook(ctx context.Context, id string) error {
	return c.c.Do(ctx, client.Notifications, http.MethodDelete, webhookPath(id, ""), nil, nil)
}

// EnableWebhook makes a webhook disabled after failures active again.
func (c *Client) EnableWebhook(ctx context.Context, id string) (Webhook, error) {
	var out Webhook
	err := c.c.Do(ctx, client.Notifications, http.MethodPost, webhookPath(id, "/enable"), nil, &out)
	return out, err
}

// RotateWebhookSecret replaces the signing secret of webhook r.ID.
func (c *Client) RotateWebhookSecret(ctx context.Context, r RotateSecretRequest) (Webhook, error) {
	var out Webhook
	err := c.c.Do(ctx, client.Notifications, http.MethodPost, webhookPath(r.ID, "/secret"), r, &out)
	return out, err
}

// Deliveries reads one page of a webhook's delivery log.
func (c *Client) Deliveries(ctx context.Context, r DeliveriesRequest) (DeliveryList, error) {
	var out DeliveryList
	err := c.c.Do(ctx, client.Notifications, http.MethodGet, withQuery(webhookPath(r.WebhookID, "/deliveries"), r.Query()), nil, &out)
	return out, err
}
