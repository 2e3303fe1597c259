package endpoint

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// WebhookRequest is the body of POST /v1/webhooks.
type WebhookRequest struct {
	URL        string   `json:"url"`
	EventTypes []string `json:"event_types"`
	Secret     string   `json:"secret"`
}

// Webhook is a webhook as the API shows it: never its secret.
type Webhook struct {
	ID                  string     `json:"id"`
	URL                 string     `json:"url"`
	EventTypes          []string   `json:"event_types"`
	Active              bool       `json:"active"`
	ConsecutiveFailures int        `json:"consecutive_failures"`
	CreatedAt           time.Time  `json:"created_at"`
	DisabledAt          *time.Time `json:"disabled_at,omitempty"`
	// Until then deliveries are signed under the replaced secret too.
	PreviousSecretExpiresAt *time.Time `json:"previous_secret_expires_at,omitempty"`
}

func toWebhook(w domain.Webhook) Webhook {
	return Webhook{ID: w.ID, URL: w.URL, EventTypes: w.EventTypes, Active: w.Active,
		ConsecutiveFailures: w.ConsecutiveFailures, CreatedAt: w.CreatedAt, DisabledAt: w.DisabledAt,
		PreviousSecretExpiresAt: w.PreviousSecretUntil}
}

func makeRegisterWebhook(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		r := request.(WebhookRequest)
		w, err := s.RegisterWebhook(ctx, app.WebhookRequest{URL: r.URL, EventTypes: r.EventTypes, Secret: r.Secret})
		if err != nil {
			return nil, err
		}
		return httpx.Created[Webhook]{V: toWebhook(w)}, nil
	}
}

func makeListWebhooks(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, _ any) (any, error) {
		ws, err := s.ListWebhooks(ctx)
		if err != nil {
			return nil, err
		}
		out := httpx.List[Webhook]{Items: make([]Webhook, 0, len(ws))}
		for _, w := range ws {
			out.Items = append(out.Items, toWebhook(w))
		}
		return out, nil
	}
}

// DeliveriesRequest asks for a page of a webhook's delivery log.
type DeliveriesRequest struct {
	WebhookID string
	Page      httpx.Page
}

// Delivery is one event owed to a webhook, with its attempts newest first.
type Delivery struct {
	ID             string          `json:"id"`
	EventID        string          `json:"event_id"`
	EventType      string          `json:"event_type"`
	Status         string          `json:"status"`
	Attempts       int             `json:"attempts"`
	LastStatusCode int             `json:"last_status_code,omitempty"`
	LastError      string          `json:"last_error,omitempty"`
	CreatedAt      time.Time       `json:"created_at"`
	DeliveredAt    *time.Time      `json:"delivered_at,omitempty"`
	Log            []Attempt       `json:"log"`
	Event          json.RawMessage `json:"event"`
}

// Attempt is one try of a delivery.
type Attempt struct {
	Attempt    int       `json:"attempt"`
	At         time.Time `json:"at"`
	StatusCode int       `json:"status_code"`
	Error      string    `json:"error,omitempty"`
	DurationMS int64     `json:"duration_ms"`
}

func makeListDeliveries(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		r := request.(DeliveriesRequest)
		page, err := s.ListDeliveries(ctx, r.WebhookID, r.Page)
		if err != nil {
			return nil, err
		}
		out := httpx.List[Delivery]{Items: make([]Delivery, 0, len(page.Items)), NextCursor: page.NextCursor}
		for _, d := range page.Items {
			item := Delivery{ID: d.ID, EventID: d.EventID, EventType: d.EventType, Status: d.Status, Attempts: d.Attempts,
				LastStatusCode: d.LastStatusCode, LastError: d.LastError, CreatedAt: d.CreatedAt, DeliveredAt: d.DeliveredAt,
				Log: make([]Attempt, 0, len(d.Log)), Event: json.RawMessage(d.Body)}
			for _, a := range d.Log {
				item.Log = append(item.Log, Attempt{Attempt: a.Number, At: a.At, StatusCode: a.StatusCode, Error: a.Error, DurationMS: a.Duration.Milliseconds()})
			}
			out.Items = append(out.Items, item)
		}
		return out, nil
	}
}

// WebhookIDRequest names one webhook.
type WebhookIDRequest struct {
	ID string
}

// RotateSecretRequest is the body of POST /v1/webhooks/{id}/secret.
type RotateSecretRequest struct {
	ID           string `json:"-"`
	Secret       string `json:"secret"`
	GraceSeconds *int   `json:"grace_seconds"`
}

// deleted answers a deletion: 204 and no body.
type deleted struct{}

func (deleted) StatusCode() int { return http.StatusNoContent }

func makeGetWebhook(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		w, err := s.GetWebhook(ctx, request.(WebhookIDRequest).ID)
		if err != nil {
			return nil, err
		}
		return toWebhook(w), nil
	}
}

func makeDeleteWebhook(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		if err := s.DeleteWebhook(ctx, request.(WebhookIDRequest).ID); err != nil {
			return nil, err
		}
		return deleted{}, nil
	}
}

func makeEnableWebhook(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		w, err := s.EnableWebhook(ctx, request.(WebhookIDRequest).ID)
		if err != nil {
			return nil, err
		}
		return toWebhook(w), nil
	}
}

func makeRotateSecret(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		r := request.(RotateSecretRequest)
		w, err := s.RotateWebhookSecret(ctx, r.ID, app.RotateRequest{Secret: r.Secret, GraceSeconds: r.GraceSeconds})
		if err != nil {
			return nil, err
		}
		return toWebhook(w), nil
	}
}
