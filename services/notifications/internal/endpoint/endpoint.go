// Package endpoint exposes the notifications use cases as go-kit endpoints:
// each takes its route's request type of notificationsapi and answers its
// response type, converted from the domain here. Business errors are
// returned as errors; the transport's one error encoder turns them into
// problem+json.
package endpoint

import (
	"context"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	api "github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
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

// pageOf is a request's paging as the use cases take it. The transport
// checked the cursor already; one that still does not decode is refused
// the same way.
func pageOf(limit int, cursor string) (httpx.Page, error) {
	p := httpx.Page{Limit: limit}
	if cursor == "" {
		return p, nil
	}
	c, err := httpx.DecodeCursor(cursor)
	var v apperr.Validator
	v.Check(err == nil, "cursor", "is not a cursor this server gave")
	p.Cursor = c
	return p, v.Err()
}

func toNotification(n domain.Notification) api.Notification {
	return api.Notification{ID: n.ID, Type: n.Type, Title: n.Title, Body: n.Body, Link: n.Link, CreatedAt: n.CreatedAt, ReadAt: n.ReadAt}
}

func makeList(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(api.ListNotificationsRequest)
		page, err := pageOf(req.Limit, req.Cursor)
		if err != nil {
			return nil, err
		}
		got, err := s.ListNotifications(ctx, app.ListQuery{Unread: req.Unread, Page: page})
		if err != nil {
			return nil, err
		}
		resp := api.NotificationList{Items: make([]api.Notification, 0, len(got.Items)), NextCursor: got.NextCursor}
		for _, n := range got.Items {
			resp.Items = append(resp.Items, toNotification(n))
		}
		return resp, nil
	}
}

func makeMarkRead(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		n, err := s.MarkRead(ctx, request.(api.MarkReadRequest).ID)
		if err != nil {
			return nil, err
		}
		return toNotification(n), nil
	}
}

func makeUnreadCount(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, _ any) (any, error) {
		n, err := s.UnreadCount(ctx)
		if err != nil {
			return nil, err
		}
		return api.UnreadCount{Unread: n}, nil
	}
}
