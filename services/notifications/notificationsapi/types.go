// Package notificationsapi is the notifications service's public contract:
// the request and response types of its routes, which its transport
// decodes and encodes, and a client over them for the CLI, the console,
// the demo, the bench and the end-to-end tests.
package notificationsapi

import "time"

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

// UnreadCount is GET /v1/notifications/unread-count.
type UnreadCount struct {
	Unread int `json:"unread"`
}
