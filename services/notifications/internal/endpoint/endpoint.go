// Package endpoint exposes the notifications use cases as go-kit endpoints.
// Business errors are returned as errors; the transport's one error encoder
// turns them into problem+json.
package endpoint

import (
	"context"
	"time"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// Set holds one endpoint per use case.
type Set struct {
	ListNotifications endpoint.Endpoint
	MarkRead          endpoint.Endpoint
	UnreadCount       endpoint.Endpoint
	RegisterWebhook   endpoint.Endpoint
	ListWebhooks      endpoint.Endpoint
	ListDeliveries    endpoint.Endpoint
	GetWebhook        endpoint.Endpoint
	DeleteWebhook     endpoint.Endpoint
	EnableWebhook     endpoint.Endpoint
	RotateSecret      endpoint.Endpoint
}

// New builds the endpoints on s, each wrapped once in mw(name) (tracing,
// logging, metrics and token verification). Each route names here, once,
// the scope an integration client needs to call it (auth.NoClient: none
// may; a client has no notifications of its own).
func New(s app.Service, mw func(name string) endpoint.Middleware) Set {
	wrap := func(name, scope string, e endpoint.Endpoint) endpoint.Endpoint {
		return mw(name)(auth.RequireScope(scope)(e))
	}
	const hooks, none = auth.ScopeWebhooksWrite, auth.NoClient
	return Set{
		ListNotifications: wrap("list_notifications", none, makeList(s)),
		MarkRead:          wrap("mark_read", none, makeMarkRead(s)),
		UnreadCount:       wrap("unread_count", none, makeUnreadCount(s)),
		RegisterWebhook:   wrap("register_webhook", hooks, makeRegisterWebhook(s)),
		ListWebhooks:      wrap("list_webhooks", hooks, makeListWebhooks(s)),
		ListDeliveries:    wrap("list_deliveries", hooks, makeListDeliveries(s)),
		GetWebhook:        wrap("get_webhook", hooks, makeGetWebhook(s)),
		DeleteWebhook:     wrap("delete_webhook", hooks, makeDeleteWebhook(s)),
		EnableWebhook:     wrap("enable_webhook", hooks, makeEnableWebhook(s)),
		RotateSecret:      wrap("rotate_webhook_secret", hooks, makeRotateSecret(s)),
	}
}

// Notification is a notification as the API shows it.
type Notification struct {
	ID        string     `json:"id"`
	Type      string     `json:"type"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	Link      string     `json:"link"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at,omitempty"`
}

func toNotification(n domain.Notification) Notification {
	return Notification{ID: n.ID, Type: n.Type, Title: n.Title, Body: n.Body, Link: n.Link, CreatedAt: n.CreatedAt, ReadAt: n.ReadAt}
}

// ListRequest asks for a page of the caller's notifications.
type ListRequest struct {
	Unread *bool
	Page   httpx.Page
}

func makeList(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ListRequest)
		page, err := s.ListNotifications(ctx, app.ListQuery{Unread: req.Unread, Page: req.Page})
		if err != nil {
			return nil, err
		}
		resp := httpx.List[Notification]{Items: make([]Notification, 0, len(page.Items)), NextCursor: page.NextCursor}
		for _, n := range page.Items {
			resp.Items = append(resp.Items, toNotification(n))
		}
		return resp, nil
	}
}

// MarkReadRequest names the notification to mark read.
type MarkReadRequest struct {
	ID string
}

func makeMarkRead(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		n, err := s.MarkRead(ctx, request.(MarkReadRequest).ID)
		if err != nil {
			return nil, err
		}
		return toNotification(n), nil
	}
}

// UnreadCountResponse is the number of the caller's unread notifications.
type UnreadCountResponse struct {
	Unread int `json:"unread"`
}

func makeUnreadCount(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, _ any) (any, error) {
		n, err := s.UnreadCount(ctx)
		if err != nil {
			return nil, err
		}
		return UnreadCountResponse{Unread: n}, nil
	}
}
