package notificationsapi

import (
	"net/url"
	"strconv"
)

// Query is r as GET /v1/notifications's query string reads it.
func (r ListNotificationsRequest) Query() url.Values {
	q := page(r.Limit, r.Cursor)
	if r.Unread != nil {
		q.Set("unread", strconv.FormatBool(*r.Unread))
	}
	return q
}

// Query is r's paging as GET /v1/webhooks/{id}/deliveries's query string
// reads it.
func (r DeliveriesRequest) Query() url.Values { return page(r.Limit, r.Cursor) }

func page(limit int, cursor string) url.Values {
	q := url.Values{}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	return q
}
