package store_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/secretbox"
	"github.com/eoffice-vn/eoffice/pkg/secretbox/secretboxtest"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
)

func rawSeed(t *testing.T, db *pkgstore.DB, kid string) string {
	t.Helper()
	var v string
	if err := db.QueryRowContext(context.Background(), `SELECT private_key FROM signing_keys WHERE kid = $1`, kid).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// Whoever reads the database (a backup, a replica, a stolen disk) must not
// get the keys that sign every access token: the row holds the seed sealed
// under EOFFICE_SECRET_KEY, a wrong key fails clearly, and a rotated key
// (the old one in EOFFICE_SECRET_KEY_OLD) still reads the rows and
// ResealSigningKeys rewrites them under the new one. Seeds stored as
// plaintext before encryption are sealed too.
func TestSigningKeysSealedAtRest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		open(t, db)
		oldKey := secretboxtest.Key(t)
		oldBox := secretboxtest.Box(t, oldKey)
		s := store.New(db, nil, store.WithSecrets(oldBox))
		_, priv, _ := ed25519.GenerateKey(rand.Reader)
		k := domain.SigningKey{Kid: "k1", Private: priv, CreatedAt: t0}
		if err := s.InStoreTx(ctx, func(ctx context.Context, tx *store.Tx) error { return tx.InsertSigningKey(ctx, k) }); err != nil {
			t.Fatal(err)
		}
		seed64 := base64.StdEncoding.EncodeToString(priv.Seed())
		row := rawSeed(t, db, "k1")
		if strings.Contains(row, seed64) || !strings.HasPrefix(row, "v1:"+oldBox.CurrentKeyID()+":") {
			t.Fatalf("stored private_key %q is not sealed", row)
		}
		// A key written before encryption, as plaintext.
		_, legacy, _ := ed25519.GenerateKey(rand.Reader)
		legacy64 := base64.StdEncoding.EncodeToString(legacy.Seed())
		if err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO signing_keys (kid, private_key, created_at) VALUES ('k0', $1, $2)`, legacy64, pkgstore.FormatTime(t0.Add(-1)))
			return err
		}); err != nil {
			t.Fatal(err)
		}

		wrongBox := secretboxtest.Box(t, secretboxtest.Key(t))
		if _, err := store.New(db, nil, store.WithSecrets(wrongBox)).PublishedKeys(ctx, t0); !errors.Is(err, secretbox.ErrUnknownKey) {
			t.Fatalf("with the wrong key: %v, want ErrUnknownKey", err)
		}

		nextKey := secretboxtest.Key(t)
		nextBox := secretboxtest.Box(t, nextKey, oldKey)
		rotated := store.New(db, nil, store.WithSecrets(nextBox))
		n, err := rotated.ResealSigningKeys(ctx)
		if err != nil || n != 2 {
			t.Fatalf("resealed %d, %v; want 2 (the old key's and the plaintext one)", n, err)
		}
		for kid, plain := range map[string]string{"k1": seed64, "k0": legacy64} {
			if row := rawSeed(t, db, kid); strings.Contains(row, plain) || !strings.HasPrefix(row, "v1:"+nextBox.CurrentKeyID()+":") {
				t.Errorf("%s after reseal: %q", kid, row)
			}
		}
		if n, err := rotated.ResealSigningKeys(ctx); err != nil || n != 0 {
			t.Errorf("second reseal: %d, %v", n, err)
		}
		// Now the new key alone reads everything.
		onlyNew := secretboxtest.Box(t, nextKey)
		keys, err := store.New(db, nil, store.WithSecrets(onlyNew)).PublishedKeys(ctx, t0)
		if err != nil || len(keys) != 2 {
			t.Fatalf("published keys: %v, %v", keys, err)
		}
		for _, got := range keys {
			want := map[string]ed25519.PrivateKey{"k1": priv, "k0": legacy}[got.Kid]
			if !got.Private.Equal(want) {
				t.Errorf("key %s does not round-trip", got.Kid)
			}
		}
	})
}
