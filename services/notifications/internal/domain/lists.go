package domain

import "errors"

// ErrNotFound is what the store returns when a looked-up row does not
// exist (or is not the asker's, for a notification).
var ErrNotFound = errors.New("not found")

// NotificationFilter selects a page of one person's notifications.
type NotificationFilter struct {
	UserID string
	Unread *bool // nil: all; true: unread only; false: read only
	After  *NotificationCursor
	Limit  int
}

// NotificationCursor is where a page of a person's notifications ends: the
// sort key of its last item.
type NotificationCursor struct {
	CreatedAt string // as stored (fixed-width text)
	ID        string
}

// DeliveryCursor is where a page of a webhook's deliveries ends.
type DeliveryCursor struct {
	CreatedAt string // as stored (fixed-width text)
	ID        string
}
