package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/secretbox"
	"github.com/eoffice-vn/eoffice/pkg/secretbox/secretboxtest"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
)

// Whoever reads the database must not get the secrets that sign webhook
// deliveries (they would forge deliveries to every integration): the rows
// hold them sealed under EOFFICE_SECRET_KEY, a wrong key fails clearly, a
// rotated key (the old one in EOFFICE_SECRET_KEY_OLD) still reads them and
// ResealSecrets rewrites them, plaintext rows from before included.
func TestWebhookSecretsSealedAtRest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		open(t, db)
		k1, k2 := secretboxtest.Key(t), secretboxtest.Key(t)
		s := store.New(db, store.WithSecrets(secretboxtest.Box(t, k1)))
		const first, second, legacy = "first-secret-0123456789", "second-secret-0123456789", "legacy-secret-0123456789"
		at := time.Now().UTC()
		if err := s.AddWebhook(ctx, domain.Webhook{ID: "w1", OwnerID: "c", URL: "https://x.example.vn", EventTypes: []string{"task.assigned"}, Secret: first, CreatedAt: at}); err != nil {
			t.Fatal(err)
		}
		if err := s.RotateSecret(ctx, "w1", second, at.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		// A webhook registered before encryption: plaintext in the row.
		if err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO webhooks (id, owner_id, url, secret, active, created_at) VALUES ('w0', 'c', 'https://y.example.vn', $1, TRUE, $2)`,
				legacy, pkgstore.FormatTime(at))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		raw := func(id string) (string, string) {
			t.Helper()
			var sec, prev string
			if err := db.QueryRowContext(ctx, `SELECT secret, previous_secret FROM webhooks WHERE id = $1`, id).Scan(&sec, &prev); err != nil {
				t.Fatal(err)
			}
			return sec, prev
		}
		sec, prev := raw("w1")
		for _, v := range []string{sec, prev} {
			if strings.Contains(v, "secret-0123456789") || !secretbox.IsSealed(v) {
				t.Fatalf("stored secret %q is not sealed", v)
			}
		}
		if w, err := s.Webhook(ctx, db, "w1"); err != nil || w.Secret != second || w.PreviousSecret != first {
			t.Fatalf("read back %q / %q, %v", w.Secret, w.PreviousSecret, err)
		}

		if _, err := store.New(db, store.WithSecrets(secretboxtest.Box(t, k2))).Webhook(ctx, db, "w1"); !errors.Is(err, secretbox.ErrUnknownKey) {
			t.Fatalf("with the wrong key: %v, want ErrUnknownKey", err)
		}

		rotated := store.New(db, store.WithSecrets(secretboxtest.Box(t, k2, k1)))
		if n, err := rotated.ResealSecrets(ctx); err != nil || n != 3 {
			t.Fatalf("resealed %d, %v; want 3 (two of w1, w0's plaintext)", n, err)
		}
		if n, err := rotated.ResealSecrets(ctx); err != nil || n != 0 {
			t.Fatalf("second reseal %d, %v", n, err)
		}
		onlyNew := store.New(db, store.WithSecrets(secretboxtest.Box(t, k2)))
		for id, want := range map[string][2]string{"w1": {second, first}, "w0": {legacy, ""}} {
			w, err := onlyNew.Webhook(ctx, db, id)
			if err != nil || w.Secret != want[0] || w.PreviousSecret != want[1] {
				t.Errorf("%s with the new key alone: %q / %q, %v", id, w.Secret, w.PreviousSecret, err)
			}
			if sec, _ := raw(id); strings.Contains(sec, want[0]) {
				t.Errorf("%s still plaintext: %q", id, sec)
			}
		}
	})
}
