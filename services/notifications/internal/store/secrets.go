package store

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// Webhook secrets sign deliveries, so they must be read back: they are
// sealed (pkg/secretbox) rather than hashed, bound to their webhook, so a
// value moved from secret to previous_secret still opens.
func secretContext(webhookID string) string { return "notifications.webhooks:" + webhookID }

func (s *Store) sealSecret(webhookID, secret string) (string, error) {
	if secret == "" {
		return "", nil
	}
	sealed, err := s.box.Seal(secret, secretContext(webhookID))
	if err != nil {
		return "", fmt.Errorf("secret of webhook %s: %w", webhookID, err)
	}
	return sealed, nil
}

func (s *Store) openSecret(webhookID, stored string) (string, error) {
	if stored == "" {
		return "", nil
	}
	secret, _, err := s.box.Open(stored, secretContext(webhookID))
	if err != nil {
		return "", fmt.Errorf("secret of webhook %s: %w", webhookID, err)
	}
	return secret, nil
}

func (s *Store) openSecrets(w domain.Webhook) (domain.Webhook, error) {
	var err error
	if w.Secret, err = s.openSecret(w.ID, w.Secret); err != nil {
		return w, err
	}
	w.PreviousSecret, err = s.openSecret(w.ID, w.PreviousSecret)
	return w, err
}

// ResealSecrets seals again every webhook secret that is plaintext (from
// before encryption) or sealed with an old key, deleted webhooks' too, and
// returns how many values it rewrote: run at start, it completes a key
// rotation. A value another replica rewrote meanwhile is left alone.
func (s *Store) ResealSecrets(ctx context.Context) (int, error) {
	n := 0
	err := s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		n = 0
		rows, err := tx.QueryContext(ctx, `SELECT id, secret, previous_secret FROM webhooks`)
		if err != nil {
			return fmt.Errorf("reseal webhook secrets: %w", err)
		}
		type row struct{ id, secret, previous string }
		var all []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.secret, &r.previous); err != nil {
				rows.Close()
				return fmt.Errorf("reseal webhook secrets: %w", err)
			}
			all = append(all, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("reseal webhook secrets: %w", err)
		}
		for _, r := range all {
			for _, col := range []struct{ name, stored string }{{"secret", r.secret}, {"previous_secret", r.previous}} {
				sealed, changed, err := s.box.Reseal(col.stored, secretContext(r.id))
				if err != nil {
					return fmt.Errorf("secret of webhook %s: %w", r.id, err)
				}
				if !changed {
					continue
				}
				// col.name is one of the two literals above.
				res, err := tx.ExecContext(ctx, `UPDATE webhooks SET `+col.name+` = $2 WHERE id = $1 AND `+col.name+` = $3`, r.id, sealed, col.stored)
				if err != nil {
					return fmt.Errorf("reseal secret of webhook %s: %w", r.id, err)
				}
				if c, _ := res.RowsAffected(); c == 1 {
					n++
				}
			}
		}
		return nil
	})
	return n, err
}
