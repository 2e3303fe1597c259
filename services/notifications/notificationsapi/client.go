package notificationsapi

import (
	"context"
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// Client calls the notifications service's public API as one signed-in
// user.
type Client struct{ c *client.Client }

// New is the notifications service's client over c.
func New(c *client.Client) *Client { return &Client{c: c} }

// Page reads one page of the caller's notifications.
func (c *Client) Page(ctx context.Context, q url.Values) (client.Page[Notification], error) {
	var p client.Page[Notification]
	err := c.c.Do(ctx, client.Notifications, http.MethodGet, "/v1/notifications?"+q.Encode(), nil, &p)
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
