package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// AddDelivery owes d to its webhook, in the consumer's transaction; the
// same event for the same webhook again changes nothing.
func (s *Store) AddDelivery(ctx context.Context, tx *store.Tx, d domain.Delivery) (created bool, err error) {
	res, err := tx.ExecContext(ctx, `
INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_type, body, status, next_attempt_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
ON CONFLICT (webhook_id, event_id) DO NOTHING`,
		d.ID, d.WebhookID, d.EventID, d.EventType, string(d.Body), domain.DeliveryPending, store.FormatTime(d.CreatedAt))
	if err != nil {
		return false, fmt.Errorf("add delivery to %s: %w", d.WebhookID, err)
	}
	n, err := res.RowsAffected()
	if n == 1 {
		tx.OnCommit(s.deliveries.Notify)
	}
	return n == 1, err
}

// ClaimDeliveries takes the lease of up to limit due deliveries of active
// webhooks until until, in one transaction, oldest first. The conditions
// are repeated on the outer update so that, on PostgreSQL, a row another
// worker claimed meanwhile is rechecked after its lock and skipped.
func (s *Store) ClaimDeliveries(ctx context.Context, now, until time.Time, limit int) ([]domain.Delivery, error) {
	out, err := claim(ctx, s, scanDelivery, `
UPDATE webhook_deliveries SET lease_until = $2
WHERE id IN (SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.active = TRUE
             WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND d.lease_until <= $1
             ORDER BY d.next_attempt_at, d.id LIMIT $3)
  AND status = 'pending' AND lease_until <= $1
RETURNING `+deliveryColumns, now, until, limit)
	if err != nil {
		return nil, fmt.Errorf("claim deliveries: %w", err)
	}
	slices.SortFunc(out, func(a, b domain.Delivery) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// NextDeliveryDue is when the next pending delivery of an active webhook
// falls due: its retry, or the end of the lease a worker holds on it.
func (s *Store) NextDeliveryDue(ctx context.Context) (time.Time, bool, error) {
	return s.nextDue(ctx, `SELECT MIN(CASE WHEN d.lease_until > d.next_attempt_at THEN d.lease_until ELSE d.next_attempt_at END)
FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id AND w.active = TRUE WHERE d.status = 'pending'`)
}

// Outcome is what one attempt of a delivery came to.
type Outcome struct {
	Attempt    domain.Attempt
	Status     string    // the delivery's status after it
	NextTry    time.Time // when pending
	StatusCode int
	Error      string
}

// RecordAttempt logs an attempt and settles or reschedules the delivery;
// pending is false when the delivery was no longer pending (cancelled while
// it was attempted): the attempt is logged, the delivery left as it is.
func (s *Store) RecordAttempt(ctx context.Context, tx *store.Tx, deliveryID string, o Outcome) (pending bool, err error) {
	a := o.Attempt
	if _, err := tx.ExecContext(ctx, `
INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (delivery_id, attempt) DO NOTHING`,
		deliveryID, a.Number, store.FormatTime(a.At), a.StatusCode, a.Error, a.Duration.Milliseconds()); err != nil {
		return false, fmt.Errorf("log attempt of delivery %s: %w", deliveryID, err)
	}
	var delivered sql.NullString
	if o.Status == domain.DeliveryDelivered {
		delivered = sql.NullString{String: store.FormatTime(a.At), Valid: true}
	}
	res, err := tx.ExecContext(ctx, `
UPDATE webhook_deliveries SET status = $2, attempts = $3, next_attempt_at = $4, lease_until = '',
    last_status_code = $5, last_error = $6, delivered_at = $7
WHERE id = $1 AND status = 'pending'`, deliveryID, o.Status, a.Number, store.FormatTime(o.NextTry), a.StatusCode, a.Error, delivered)
	if err != nil {
		return false, fmt.Errorf("record delivery %s: %w", deliveryID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("record delivery %s: %w", deliveryID, err)
	}
	return n == 1, nil
}

// Deliveries lists a webhook's deliveries newest first, each with its
// attempts (newest first), and whether more follow.
func (s *Store) Deliveries(ctx context.Context, webhookID string, after *domain.DeliveryCursor, limit int) ([]domain.Delivery, bool, error) {
	where := []string{"webhook_id = $1"}
	args := []any{webhookID}
	if after != nil {
		args = append(args, after.CreatedAt, after.ID)
		where = append(where, "(created_at < $2 OR (created_at = $2 AND id < $3))")
	}
	args = append(args, limit+1)
	rows, err := s.db.QueryContext(ctx, `SELECT `+deliveryColumns+` FROM webhook_deliveries WHERE `+
		strings.Join(where, " AND ")+fmt.Sprintf(` ORDER BY created_at DESC, id DESC LIMIT $%d`, len(args)), args...)
	if err != nil {
		return nil, false, fmt.Errorf("deliveries of %s: %w", webhookID, err)
	}
	var out []domain.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			rows.Close()
			return nil, false, fmt.Errorf("deliveries of %s: %w", webhookID, err)
		}
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("deliveries of %s: %w", webhookID, err)
	}
	more := len(out) > limit
	if more {
		out = out[:limit]
	}
	for i := range out {
		if out[i].Log, err = s.attempts(ctx, out[i].ID); err != nil {
			return nil, false, err
		}
	}
	return out, more, nil
}

func (s *Store) attempts(ctx context.Context, deliveryID string) ([]domain.Attempt, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT attempt, at, status_code, error, duration_ms FROM webhook_attempts
WHERE delivery_id = $1 ORDER BY attempt DESC`, deliveryID)
	if err != nil {
		return nil, fmt.Errorf("attempts of %s: %w", deliveryID, err)
	}
	defer rows.Close()
	out := []domain.Attempt{}
	for rows.Next() {
		var (
			a  domain.Attempt
			at string
			ms int64
		)
		if err := rows.Scan(&a.Number, &at, &a.StatusCode, &a.Error, &ms); err != nil {
			return nil, err
		}
		if a.At, err = store.ParseTime(at); err != nil {
			return nil, err
		}
		a.Duration = time.Duration(ms) * time.Millisecond
		out = append(out, a)
	}
	return out, rows.Err()
}

const deliveryColumns = `id, webhook_id, event_id, event_type, body, status, attempts, last_status_code, last_error, created_at, delivered_at`

func scanDelivery(r scanner) (domain.Delivery, error) {
	var (
		d         domain.Delivery
		body      string
		created   string
		delivered sql.NullString
	)
	if err := r.Scan(&d.ID, &d.WebhookID, &d.EventID, &d.EventType, &body, &d.Status, &d.Attempts,
		&d.LastStatusCode, &d.LastError, &created, &delivered); err != nil {
		return d, err
	}
	d.Body = []byte(body)
	var err error
	if d.CreatedAt, err = store.ParseTime(created); err != nil {
		return d, err
	}
	if delivered.Valid {
		t, err := store.ParseTime(delivered.String)
		if err != nil {
			return d, err
		}
		d.DeliveredAt = &t
	}
	return d, nil
}
