package endpoint

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	api "github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
)

func toWebhook(w domain.Webhook) api.Webhook {
	return api.Webhook{ID: w.ID, URL: w.URL, EventTypes: w.EventTypes, Active: w.Active,
		ConsecutiveFailures: w.ConsecutiveFailures, CreatedAt: w.CreatedAt, DisabledAt: w.DisabledAt,
		PreviousSecretExpiresAt: w.PreviousSecretUntil}
}

func toDelivery(d domain.Delivery) api.Delivery {
	out := api.Delivery{ID: d.ID, EventID: d.EventID, EventType: d.EventType, Status: d.Status, Attempts: d.Attempts,
		LastStatusCode: d.LastStatusCode, LastError: d.LastError, CreatedAt: d.CreatedAt, DeliveredAt: d.DeliveredAt,
		Log: make([]api.DeliveryAttempt, 0, len(d.Log)), Event: json.RawMessage(d.Body)}
	for _, a := range d.Log {
		out.Log = append(out.Log, api.DeliveryAttempt{Attempt: a.Number, At: a.At, StatusCode: a.StatusCode,
			Error: a.Error, DurationMS: a.Duration.Milliseconds()})
	}
	return out
}

func makeRegisterWebhook(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		r := request.(api.WebhookRequest)
		w, err := s.RegisterWebhook(ctx, app.WebhookRequest{URL: r.URL, EventTypes: r.EventTypes, Secret: r.Secret})
		if err != nil {
			return nil, err
		}
		return httpx.Created[api.Webhook]{V: toWebhook(w)}, nil
	}
}

func makeListWebhooks(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, _ any) (any, error) {
		ws, err := s.ListWebhooks(ctx)
		if err != nil {
			return nil, err
		}
		out := api.WebhookList{Items: make([]api.Webhook, 0, len(ws))}
		for _, w := range ws {
			out.Items = append(out.Items, toWebhook(w))
		}
		return out, nil
	}
}

func makeListDeliveries(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		r := request.(api.DeliveriesRequest)
		page, err := pageOf(r.Limit, r.Cursor)
		if err != nil {
			return nil, err
		}
		got, err := s.ListDeliveries(ctx, r.WebhookID, page)
		if err != nil {
			return nil, err
		}
		out := api.DeliveryList{Items: make([]api.Delivery, 0, len(got.Items)), NextCursor: got.NextCursor}
		for _, d := range got.Items {
			out.Items = append(out.Items, toDelivery(d))
		}
		return out, nil
	}
}

// deleted answers a deletion: 204 and no body.
type deleted struct{}

func (deleted) StatusCode() int { return http.StatusNoContent }

func makeGetWebhook(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		w, err := s.GetWebhook(ctx, request.(api.WebhookIDRequest).ID)
		if err != nil {
			return nil, err
		}
		return toWebhook(w), nil
	}
}

func makeDeleteWebhook(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		if err := s.DeleteWebhook(ctx, request.(api.WebhookIDRequest).ID); err != nil {
			return nil, err
		}
		return deleted{}, nil
	}
}

func makeEnableWebhook(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		w, err := s.EnableWebhook(ctx, request.(api.WebhookIDRequest).ID)
		if err != nil {
			return nil, err
		}
		return toWebhook(w), nil
	}
}

func makeRotateSecret(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		r := request.(api.RotateSecretRequest)
		w, err := s.RotateWebhookSecret(ctx, r.ID, app.RotateRequest{Secret: r.Secret, GraceSeconds: r.GraceSeconds})
		if err != nil {
			return nil, err
		}
		return toWebhook(w), nil
	}
}
