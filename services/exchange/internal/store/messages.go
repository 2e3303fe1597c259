package store

import (
	"context"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

// Message states.
const (
	msgQueued    = "queued"
	msgSent      = "sent"
	msgDelivered = "delivered"
	msgFailed    = "failed"
)

func (r reads) messages(ctx context.Context, query string, args ...any) ([]domain.Message, error) {
	rows, err := r.q.QueryContext(ctx, `SELECT id, package_id, type, from_code, to_code, body, attempts, ref
FROM exchange_messages WHERE `+query, args...)
	if err != nil {
		return nil, fmt.Errorf("messages: %w", err)
	}
	defer rows.Close()
	var out []domain.Message
	for rows.Next() {
		var m domain.Message
		var body string
		if err := rows.Scan(&m.ID, &m.PackageID, &m.Type, &m.From, &m.To, &body, &m.Attempts, &m.Ref); err != nil {
			return nil, fmt.Errorf("messages: %w", err)
		}
		if body != "" {
			m.Body = []byte(body)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (r reads) DueMessages(ctx context.Context, now time.Time, limit int) ([]domain.Message, error) {
	return r.messages(ctx, `state = $1 AND next_at <= $2 ORDER BY next_at, id LIMIT $3`, msgQueued, store.FormatTime(now), limit)
}

func (r reads) SentMessages(ctx context.Context, limit int) ([]domain.Message, error) {
	return r.messages(ctx, `state = $1 AND type = $2 ORDER BY updated_at, id LIMIT $3`, msgSent, domain.MessageEdoc, limit)
}

func (b bound) QueueMessage(ctx context.Context, m domain.Message, now time.Time) error {
	at := store.FormatTime(now)
	_, err := b.tx.ExecContext(ctx, `INSERT INTO exchange_messages (id, package_id, type, from_code, to_code, body, state,
    next_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8)`,
		m.ID, m.PackageID, m.Type, m.From, m.To, string(m.Body), msgQueued, at)
	if err != nil {
		return fmt.Errorf("queue message: %w", err)
	}
	return nil
}

func (b bound) MessageSent(ctx context.Context, id, ref string, now time.Time) error {
	return b.exec(ctx, `UPDATE exchange_messages SET state = $2, ref = $3, last_error = '', updated_at = $4 WHERE id = $1`,
		id, msgSent, ref, store.FormatTime(now))
}

func (b bound) MessageFailed(ctx context.Context, id, reason string, next time.Time) error {
	if len(reason) > 500 {
		reason = reason[:500]
	}
	return b.exec(ctx, `UPDATE exchange_messages SET attempts = attempts + 1, last_error = $2, next_at = $3, updated_at = $3
WHERE id = $1`, id, reason, store.FormatTime(next))
}

func (b bound) MessageDelivered(ctx context.Context, id string, now time.Time) error {
	return b.exec(ctx, `UPDATE exchange_messages SET state = $2, updated_at = $3 WHERE id = $1`, id, msgDelivered, store.FormatTime(now))
}

func (b bound) exec(ctx context.Context, q string, args ...any) error {
	if _, err := b.tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("message: %w", err)
	}
	return nil
}

func (b bound) MessageGivenUp(ctx context.Context, id, reason string, now time.Time) error {
	if len(reason) > 500 {
		reason = reason[:500]
	}
	return b.exec(ctx, `UPDATE exchange_messages SET state = $2, last_error = $3, updated_at = $4 WHERE id = $1`,
		id, msgFailed, reason, store.FormatTime(now))
}
