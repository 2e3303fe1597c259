// Package notificationsapi is the notifications service's public contract:
// the request and response types of its routes, which its transport
// decodes and encodes, the OpenAPI document describing them, and a client
// over them for the CLI, the console, the demo, the bench and the
// end-to-end tests.
package notificationsapi

import (
	_ "embed"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
)

// OpenAPI is the OpenAPI 3 document of every route the service serves
// (GET /openapi.json); a test holds its schemas to the types here.
//
//go:embed openapi.json
var OpenAPI []byte

// Problem is the body of every refusal (RFC 9457 problem+json), which the
// runtime's one error encoder writes for every service.
type Problem = httpx.Problem

// Notification is one of the caller's notifications.
type Notification struct {
	ID        string     `json:"id"`
	Type      string     `json:"type"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	Link      string     `json:"link"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at,omitempty"`
}

// ListNotificationsRequest is the query of GET /v1/notifications.
type ListNotificationsRequest struct {
	Unread *bool  // ?unread=true|false; nil: all
	Limit  int    // ?limit=; 0: the server's default
	Cursor string // ?cursor=: the previous page's next_cursor; "" for the first
}

// NotificationList is one page of the caller's notifications, newest
// first.
type NotificationList struct {
	Items      []Notification `json:"items"`
	NextCursor string         `json:"next_cursor,omitempty"` // absent on the last page
}

// MarkReadRequest is POST /v1/notifications/{id}/read.
type MarkReadRequest struct {
	ID string `json:"-"` // {id}
}

// UnreadCount answers GET /v1/notifications/unread-count.
type UnreadCount struct {
	Unread int `json:"unread"`
}
