package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

func (s *service) ListNotifications(ctx context.Context, q ListQuery) (Page, error) {
	p, err := caller(ctx)
	if err != nil {
		return Page{}, err
	}
	f := domain.NotificationFilter{UserID: p.Subject, Unread: q.Unread, Limit: q.Page.Limit}
	if f.Limit <= 0 {
		f.Limit = httpx.DefaultLimit
	}
	if q.Page.Cursor != nil {
		c, err := parseCursor(q.Page.Cursor)
		if err != nil {
			return Page{}, err
		}
		f.After = &c
	}
	items, more, err := s.store.List(ctx, f)
	if err != nil {
		return Page{}, err
	}
	page := Page{Items: items}
	if more {
		c := CursorOf(items[len(items)-1])
		page.NextCursor = httpx.EncodeCursor(c.CreatedAt, c.ID)
	}
	return page, nil
}

// parseCursor checks a cursor's parts, so that a forged one is a 400 rather
// than a confusing page.
func parseCursor(parts []string) (domain.NotificationCursor, error) {
	if len(parts) != 2 || !validTime(parts[0]) || parts[1] == "" {
		return domain.NotificationCursor{}, apperr.Invalid("bad cursor", apperr.FieldError{Field: "cursor", Message: "is not a cursor this server gave"})
	}
	return domain.NotificationCursor{CreatedAt: parts[0], ID: parts[1]}, nil
}
