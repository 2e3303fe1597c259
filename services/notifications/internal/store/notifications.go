package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// AddNotification stores n unless its person already has a notification of
// that type for that event; created reports whether a row was written.
func (s *Store) AddNotification(ctx context.Context, q *store.Tx, n domain.Notification) (created bool, err error) {
	res, err := q.ExecContext(ctx, `
INSERT INTO notifications (id, user_id, event_id, type, title, body, link, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (user_id, event_id, type) DO NOTHING`,
		n.ID, n.UserID, n.EventID, n.Type, n.Title, n.Body, n.Link, store.FormatTime(n.CreatedAt))
	if err != nil {
		return false, fmt.Errorf("add notification for %s: %w", n.UserID, err)
	}
	rows, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("add notification for %s: %w", n.UserID, err)
	}
	return rows == 1, nil
}

// List returns the person's notifications newest first, and whether more
// follow the page.
func (s *Store) List(ctx context.Context, f domain.NotificationFilter) (items []domain.Notification, more bool, err error) {
	var (
		where = []string{"user_id = $1"}
		args  = []any{f.UserID}
	)
	if f.Unread != nil {
		if *f.Unread {
			where = append(where, "read_at IS NULL")
		} else {
			where = append(where, "read_at IS NOT NULL")
		}
	}
	if f.After != nil {
		args = append(args, f.After.CreatedAt, f.After.ID)
		// A row value, so that the index (notifications_inbox or
		// notifications_unread) starts the scan at the cursor: a deep
		// page costs its size. PostgreSQL infers no type for a
		// parameter in a row value.
		where = append(where, fmt.Sprintf("(created_at, id) < (CAST($%d AS TEXT), CAST($%d AS TEXT))", len(args)-1, len(args)))
	}
	args = append(args, f.Limit+1)
	query := `SELECT ` + notificationColumns + ` FROM notifications WHERE ` + strings.Join(where, " AND ") +
		fmt.Sprintf(` ORDER BY created_at DESC, id DESC LIMIT $%d`, len(args))
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, false, fmt.Errorf("list notifications: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, false, fmt.Errorf("list notifications: %w", err)
		}
		items = append(items, n)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("list notifications: %w", err)
	}
	if len(items) > f.Limit {
		return items[:f.Limit], true, nil
	}
	return items, false, nil
}

// UnreadCount counts the person's unread notifications.
func (s *Store) UnreadCount(ctx context.Context, userID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count unread notifications: %w", err)
	}
	return n, nil
}

// MarkRead sets the read time of the person's notification id, keeping the
// first one when it was read before, and returns the notification. Someone
// else's notification is domain.ErrNotFound, as one that does not exist.
func (s *Store) MarkRead(ctx context.Context, userID, id string, at time.Time) (domain.Notification, error) {
	var n domain.Notification
	err := s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		n, err = scanNotification(tx.QueryRowContext(ctx, `
UPDATE notifications SET read_at = COALESCE(read_at, $3)
WHERE id = $1 AND user_id = $2
RETURNING `+notificationColumns, id, userID, store.FormatTime(at)))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return n, fmt.Errorf("notification %s: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return n, fmt.Errorf("mark notification %s read: %w", id, err)
	}
	return n, nil
}

// Notification returns one notification by id, whoever owns it.
func (s *Store) Notification(ctx context.Context, q store.Querier, id string) (domain.Notification, error) {
	n, err := scanNotification(q.QueryRowContext(ctx, `SELECT `+notificationColumns+` FROM notifications WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return n, fmt.Errorf("notification %s: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return n, fmt.Errorf("notification %s: %w", id, err)
	}
	return n, nil
}

const notificationColumns = `id, user_id, event_id, type, title, body, link, created_at, read_at`

type scanner interface{ Scan(dest ...any) error }

func scanNotification(r scanner) (domain.Notification, error) {
	var (
		n         domain.Notification
		createdAt string
		readAt    sql.NullString
	)
	if err := r.Scan(&n.ID, &n.UserID, &n.EventID, &n.Type, &n.Title, &n.Body, &n.Link, &createdAt, &readAt); err != nil {
		return n, err
	}
	t, err := store.ParseTime(createdAt)
	if err != nil {
		return n, err
	}
	n.CreatedAt = t
	if readAt.Valid {
		t, err := store.ParseTime(readAt.String)
		if err != nil {
			return n, err
		}
		n.ReadAt = &t
	}
	return n, nil
}
