package notificationsapi

import (
	"encoding/json"
	"time"
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

// WebhookList answers GET /v1/webhooks: the caller's webhooks (an
// administrator's: all), newest first, in one page.
type WebhookList struct {
	Items []Webhook `json:"items"`
}

// WebhookIDRequest names one webhook: GET and DELETE /v1/webhooks/{id},
// POST /v1/webhooks/{id}/enable.
type WebhookIDRequest struct {
	ID string `json:"-"` // {id}
}

// RotateSecretRequest is POST /v1/webhooks/{id}/secret.
type RotateSecretRequest struct {
	ID     string `json:"-"` // {id}
	Secret string `json:"secret"`
	// GraceSeconds is how long the replaced secret still signs; nil: the
	// server's default (one day).
	GraceSeconds *int `json:"grace_seconds"`
}

// DeliveriesRequest is GET /v1/webhooks/{id}/deliveries.
type DeliveriesRequest struct {
	WebhookID string // {id}
	Limit     int    // ?limit=; 0: the server's default
	Cursor    string // ?cursor=: the previous page's next_cursor
}

// Delivery is one event owed to a webhook, with its attempts newest first.
type Delivery struct {
	ID             string            `json:"id"`
	EventID        string            `json:"event_id"`
	EventType      string            `json:"event_type"`
	Status         string            `json:"status"`
	Attempts       int               `json:"attempts"`
	LastStatusCode int               `json:"last_status_code,omitempty"`
	LastError      string            `json:"last_error,omitempty"`
	CreatedAt      time.Time         `json:"created_at"`
	DeliveredAt    *time.Time        `json:"delivered_at,omitempty"`
	Log            []DeliveryAttempt `json:"log"`
	// Event is the CloudEvents structured JSON body delivered.
	Event json.RawMessage `json:"event"`
}

// DeliveryAttempt is one try of a delivery.
type DeliveryAttempt struct {
	Attempt    int       `json:"attempt"`
	At         time.Time `json:"at"`
	StatusCode int       `json:"status_code"`
	Error      string    `json:"error,omitempty"`
	DurationMS int64     `json:"duration_ms"`
}

// DeliveryList is one page of a webhook's delivery log, newest first.
type DeliveryList struct {
	Items      []Delivery `json:"items"`
	NextCursor string     `json:"next_cursor,omitempty"`
}
