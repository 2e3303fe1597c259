package app

import (
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// A cursor is its item's creation time as the store writes it (the shared
// fixed-width text, which sorts as the time does) and its id.

// CursorOf returns the cursor after n.
func CursorOf(n domain.Notification) domain.NotificationCursor {
	return domain.NotificationCursor{CreatedAt: store.FormatTime(n.CreatedAt), ID: n.ID}
}

// DeliveryCursorOf returns the cursor after d.
func DeliveryCursorOf(d domain.Delivery) domain.DeliveryCursor {
	return domain.DeliveryCursor{CreatedAt: store.FormatTime(d.CreatedAt), ID: d.ID}
}

// validTime reports whether s is a time as the store writes it, so that a
// cursor a client forged is refused rather than queried.
func validTime(s string) bool {
	_, err := time.Parse(store.TimeLayout, s)
	return err == nil && len(s) == len(store.TimeLayout)
}
