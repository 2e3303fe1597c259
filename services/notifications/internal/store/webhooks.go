package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// AddWebhook stores a new webhook with its event types, without its
// owner's kind (RegisterWebhook records both).
func (s *Store) AddWebhook(ctx context.Context, w domain.Webhook) error {
	sealed, err := s.sealSecret(w.ID, w.Secret)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error { return addWebhook(ctx, tx, w, sealed) })
}

// RegisterWebhook stores w and its owner's kind (domain.OwnerUser,
// domain.OwnerClient) in one transaction: a webhook without its owner's
// kind would receive nothing, so neither is kept without the other.
func (s *Store) RegisterWebhook(ctx context.Context, w domain.Webhook, ownerKind string) error {
	sealed, err := s.sealSecret(w.ID, w.Secret)
	if err != nil {
		return err
	}
	return s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := setWebhookOwner(ctx, tx, w.ID, ownerKind); err != nil {
			return err
		}
		return addWebhook(ctx, tx, w, sealed)
	})
}

// addWebhook inserts w, its secret sealed, and its event types in tx.
func addWebhook(ctx context.Context, tx *store.Tx, w domain.Webhook, sealed string) error {
	if _, err := tx.ExecContext(ctx, `
INSERT INTO webhooks (id, owner_id, url, secret, active, created_at) VALUES ($1, $2, $3, $4, TRUE, $5)`,
		w.ID, w.OwnerID, w.URL, sealed, store.FormatTime(w.CreatedAt)); err != nil {
		return fmt.Errorf("add webhook: %w", err)
	}
	for _, t := range w.EventTypes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO webhook_event_types (webhook_id, event_type) VALUES ($1, $2)`, w.ID, t); err != nil {
			return fmt.Errorf("add webhook: %w", err)
		}
	}
	return nil
}

const webhookColumns = `id, owner_id, url, secret, active, consecutive_failures, created_at, disabled_at,
    previous_secret, previous_secret_until`

// Webhook returns one webhook with its event types; a deleted one is not
// found.
func (s *Store) Webhook(ctx context.Context, q store.Querier, id string) (domain.Webhook, error) {
	w, err := s.scanWebhook(q.QueryRowContext(ctx, `SELECT `+webhookColumns+` FROM webhooks WHERE id = $1 AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return w, fmt.Errorf("webhook %s: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return w, fmt.Errorf("webhook %s: %w", id, err)
	}
	w.EventTypes, err = s.webhookTypes(ctx, q, id)
	return w, err
}

func (s *Store) webhookTypes(ctx context.Context, q store.Querier, id string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT event_type FROM webhook_event_types WHERE webhook_id = $1 ORDER BY event_type`, id)
	if err != nil {
		return nil, fmt.Errorf("types of webhook %s: %w", id, err)
	}
	defer rows.Close()
	types := []string{}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		types = append(types, t)
	}
	return types, rows.Err()
}

// Webhooks lists the webhooks of owner (all when owner is empty), newest
// first.
func (s *Store) Webhooks(ctx context.Context, owner string) ([]domain.Webhook, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+webhookColumns+` FROM webhooks
WHERE ($1 = '' OR owner_id = $1) AND deleted_at IS NULL ORDER BY created_at DESC, id DESC`, owner)
	if err != nil {
		return nil, fmt.Errorf("list webhooks: %w", err)
	}
	var out []domain.Webhook
	for rows.Next() {
		w, err := s.scanWebhook(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("list webhooks: %w", err)
		}
		out = append(out, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list webhooks: %w", err)
	}
	for i := range out {
		if out[i].EventTypes, err = s.webhookTypes(ctx, s.db, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ActiveWebhooksFor lists the ids of the active webhooks subscribed to the
// event type.
func (s *Store) ActiveWebhooksFor(ctx context.Context, q store.Querier, eventType string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `
SELECT w.id FROM webhook_event_types t JOIN webhooks w ON w.id = t.webhook_id
WHERE t.event_type = $1 AND w.active = TRUE ORDER BY w.id`, eventType)
	if err != nil {
		return nil, fmt.Errorf("webhooks of %s: %w", eventType, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// WebhookSucceeded resets the webhook's run of failures.
func (s *Store) WebhookSucceeded(ctx context.Context, tx *store.Tx, id string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE webhooks SET consecutive_failures = 0 WHERE id = $1`, id); err != nil {
		return fmt.Errorf("webhook %s: %w", id, err)
	}
	return nil
}

// WebhookFailedOnce counts a failed attempt and disables the webhook once
// its run of failures reaches limit; disabled is true only for the call
// that disabled it, so the webhook.failed event is emitted once.
func (s *Store) WebhookFailedOnce(ctx context.Context, tx *store.Tx, id string, limit int, at time.Time) (failures int, disabled bool, err error) {
	if err := tx.QueryRowContext(ctx, `
UPDATE webhooks SET consecutive_failures = consecutive_failures + 1 WHERE id = $1
RETURNING consecutive_failures`, id).Scan(&failures); err != nil {
		return 0, false, fmt.Errorf("webhook %s: %w", id, err)
	}
	if failures < limit {
		return failures, false, nil
	}
	res, err := tx.ExecContext(ctx, `UPDATE webhooks SET active = FALSE, disabled_at = $2 WHERE id = $1 AND active = TRUE`,
		id, store.FormatTime(at))
	if err != nil {
		return failures, false, fmt.Errorf("disable webhook %s: %w", id, err)
	}
	n, err := res.RowsAffected()
	return failures, n == 1, err
}

func (s *Store) scanWebhook(r scanner) (domain.Webhook, error) {
	var (
		w                   domain.Webhook
		created             string
		disabled, prevUntil sql.NullString
	)
	if err := r.Scan(&w.ID, &w.OwnerID, &w.URL, &w.Secret, &w.Active, &w.ConsecutiveFailures, &created, &disabled,
		&w.PreviousSecret, &prevUntil); err != nil {
		return w, err
	}
	var err error
	if w.CreatedAt, err = store.ParseTime(created); err != nil {
		return w, err
	}
	if w.DisabledAt, err = parseNullTime(disabled); err != nil {
		return w, err
	}
	if w.PreviousSecretUntil, err = parseNullTime(prevUntil); err != nil {
		return w, err
	}
	return s.openSecrets(w)
}

func parseNullTime(s sql.NullString) (*time.Time, error) {
	if !s.Valid {
		return nil, nil
	}
	t, err := store.ParseTime(s.String)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// DeleteWebhook hides the webhook, stops its deliveries and cancels the
// pending ones, in one transaction; it returns the ids of those cancelled.
// A delivery being attempted right now is not recorded over (RecordAttempt
// settles only pending ones).
func (s *Store) DeleteWebhook(ctx context.Context, id string, at time.Time) (cancelled []string, err error) {
	err = s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		cancelled = nil
		res, err := tx.ExecContext(ctx, `UPDATE webhooks SET active = FALSE, deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL`,
			id, store.FormatTime(at))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return cmp.Or(err, domain.ErrNotFound)
		}
		rows, err := tx.QueryContext(ctx, `UPDATE webhook_deliveries SET status = $2, lease_until = ''
WHERE webhook_id = $1 AND status = $3 RETURNING id`, id, domain.DeliveryCancelled, domain.DeliveryPending)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d string
			if err := rows.Scan(&d); err != nil {
				return err
			}
			cancelled = append(cancelled, d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("delete webhook %s: %w", id, err)
	}
	slices.Sort(cancelled)
	return cancelled, nil
}

// EnableWebhook makes the webhook active again with no failures counted,
// and its pending deliveries due now (their backoff grew while it failed).
func (s *Store) EnableWebhook(ctx context.Context, id string, now time.Time) error {
	err := s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE webhooks SET active = TRUE, consecutive_failures = 0, disabled_at = NULL
WHERE id = $1 AND deleted_at IS NULL`, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return cmp.Or(err, domain.ErrNotFound)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET next_attempt_at = $2
WHERE webhook_id = $1 AND status = $3 AND next_attempt_at > $2`, id, store.FormatTime(now), domain.DeliveryPending); err != nil {
			return err
		}
		tx.OnCommit(s.deliveries.Notify)
		return nil
	})
	if err != nil {
		return fmt.Errorf("enable webhook %s: %w", id, err)
	}
	return nil
}

// UpdateWebhook loads the webhook id in one transaction, its row locked on
// PostgreSQL (SQLite has one writer at a time already), lets update check
// and change it, and stores what update left of its state (signing
// secrets, active, failures, disabled time; its URL, types and owner never
// change); it returns the webhook as stored. An error of update rolls
// back and is returned as is; a deleted webhook is domain.ErrNotFound.
func (s *Store) UpdateWebhook(ctx context.Context, id string, update func(ctx context.Context, w *domain.Webhook) error) (domain.Webhook, error) {
	var w domain.Webhook
	err := s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		lock := ""
		if tx.Dialect == store.Postgres {
			lock = " FOR UPDATE"
		}
		var err error
		w, err = s.scanWebhook(tx.QueryRowContext(ctx, `SELECT `+webhookColumns+` FROM webhooks WHERE id = $1 AND deleted_at IS NULL`+lock, id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("webhook %s: %w", id, domain.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("webhook %s: %w", id, err)
		}
		if w.EventTypes, err = s.webhookTypes(ctx, tx, id); err != nil {
			return err
		}
		if err := update(ctx, &w); err != nil {
			return err
		}
		return s.saveWebhook(ctx, tx, w)
	})
	return w, err
}

// saveWebhook writes back w's changeable state.
func (s *Store) saveWebhook(ctx context.Context, tx *store.Tx, w domain.Webhook) error {
	secret, err := s.sealSecret(w.ID, w.Secret)
	if err != nil {
		return err
	}
	previous, err := s.sealSecret(w.ID, w.PreviousSecret)
	if err != nil {
		return err
	}
	var disabled, prevUntil *string
	if w.DisabledAt != nil {
		v := store.FormatTime(*w.DisabledAt)
		disabled = &v
	}
	if w.PreviousSecretUntil != nil {
		v := store.FormatTime(*w.PreviousSecretUntil)
		prevUntil = &v
	}
	if _, err := tx.ExecContext(ctx, `UPDATE webhooks SET secret = $2, previous_secret = $3, previous_secret_until = $4,
    active = $5, consecutive_failures = $6, disabled_at = $7 WHERE id = $1`,
		w.ID, secret, previous, prevUntil, w.Active, w.ConsecutiveFailures, disabled); err != nil {
		return fmt.Errorf("save webhook %s: %w", w.ID, err)
	}
	return nil
}

// RotateSecret makes secret the webhook's signing secret; the replaced one
// keeps signing too until graceUntil (not at all when graceUntil is not
// after now).
func (s *Store) RotateSecret(ctx context.Context, id, secret string, graceUntil time.Time) error {
	_, err := s.UpdateWebhook(ctx, id, func(_ context.Context, w *domain.Webhook) error {
		w.Rotate(secret, graceUntil)
		return nil
	})
	if err != nil {
		return fmt.Errorf("rotate secret of webhook %s: %w", id, err)
	}
	return nil
}
