// Package httpapi serves the notifications endpoints over HTTP: it decodes
// each route's request into its notificationsapi type, whose OpenAPI
// document (notificationsapi.OpenAPI) describes them.
package httpapi

import (
	"context"
	"net/http"

	kitendpoint "github.com/go-kit/kit/endpoint"
	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/endpoint"
	api "github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
)

// NewHandler routes the API to eps; opts are the runtime's server options
// (bearer token into the context, the one error encoder).
func NewHandler(eps endpoint.Set, opts ...kithttp.ServerOption) http.Handler {
	mux := http.NewServeMux()
	// Decode errors are deferred so that the token is checked first: a
	// caller without a valid one gets 401, never feedback on its request.
	route := func(pattern string, ep kitendpoint.Endpoint, dec kithttp.DecodeRequestFunc) {
		mux.Handle(pattern, kithttp.NewServer(ep, httpx.Deferred(dec), httpx.EncodeJSON, opts...))
	}
	route("GET /v1/notifications", eps.ListNotifications, decodeList)
	route("GET /v1/notifications/unread-count", eps.UnreadCount, decodeNothing)
	route("POST /v1/notifications/{id}/read", eps.MarkRead, decodeMarkRead)
	route("POST /v1/webhooks", eps.RegisterWebhook, decodeWebhook)
	route("GET /v1/webhooks", eps.ListWebhooks, decodeNothing)
	route("GET /v1/webhooks/{id}", eps.GetWebhook, decodeWebhookID)
	route("DELETE /v1/webhooks/{id}", eps.DeleteWebhook, decodeWebhookID)
	route("POST /v1/webhooks/{id}/enable", eps.EnableWebhook, decodeWebhookID)
	route("POST /v1/webhooks/{id}/secret", eps.RotateSecret, decodeRotateSecret)
	route("GET /v1/webhooks/{id}/deliveries", eps.ListDeliveries, decodeDeliveries)
	mux.Handle("/", httpx.NotFoundHandler())
	return mux
}

func decodeList(_ context.Context, r *http.Request) (any, error) {
	q := r.URL.Query()
	page, err := httpx.ParsePage(q)
	if err != nil {
		return nil, err
	}
	req := api.ListNotificationsRequest{Limit: page.Limit, Cursor: q.Get("cursor")}
	// An empty value is no filter, as an absent one.
	if v := q.Get("unread"); v != "" {
		var unread bool
		switch v {
		case "true":
			unread = true
		case "false":
			unread = false
		default:
			return nil, apperr.Invalid("bad filter", apperr.FieldError{Field: "unread", Message: "must be true or false"})
		}
		req.Unread = &unread
	}
	return req, nil
}

func decodeMarkRead(_ context.Context, r *http.Request) (any, error) {
	return api.MarkReadRequest{ID: r.PathValue("id")}, nil
}

func decodeNothing(context.Context, *http.Request) (any, error) { return nil, nil }

// maxWebhookBody bounds POST /v1/webhooks: a URL, a few types, a secret.
const maxWebhookBody = 64 << 10

func decodeWebhook(_ context.Context, r *http.Request) (any, error) {
	var req api.WebhookRequest
	if err := httpx.DecodeJSON(r, &req, maxWebhookBody); err != nil {
		return nil, err
	}
	return req, nil
}

func decodeDeliveries(_ context.Context, r *http.Request) (any, error) {
	q := r.URL.Query()
	page, err := httpx.ParsePage(q)
	if err != nil {
		return nil, err
	}
	return api.DeliveriesRequest{WebhookID: r.PathValue("id"), Limit: page.Limit, Cursor: q.Get("cursor")}, nil
}

func decodeWebhookID(_ context.Context, r *http.Request) (any, error) {
	return api.WebhookIDRequest{ID: r.PathValue("id")}, nil
}

func decodeRotateSecret(_ context.Context, r *http.Request) (any, error) {
	var req api.RotateSecretRequest
	if err := httpx.DecodeJSON(r, &req, maxWebhookBody); err != nil {
		return nil, err
	}
	req.ID = r.PathValue("id")
	return req, nil
}
