package endpoint

import (
	"context"
	"encoding/json"
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
}

func toWebhook(w domain.Webhook) Webhook {
	return Webhook{ID: w.ID, URL: w.URL, EventTypes: w.EventTypes, Active: w.Active,
		ConsecutiveFailures: w.ConsecutiveFailures, CreatedAt: w.CreatedAt, DisabledAt: w.DisabledAt}
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
