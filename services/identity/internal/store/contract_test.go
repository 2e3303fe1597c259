package store_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"slices"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
)

func inTx(t *testing.T, s *store.Store, fn func(ctx context.Context, tx *store.Tx) error) error {
	t.Helper()
	return s.InStoreTx(context.Background(), fn)
}

func TestUnitUpdateAndTree(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		p := unit("p", "agency", "", "p", "UBND", t0)
		d := unit("d", "agency", "p", "d", "STTTT", t0.Add(time.Second))
		v := unit("v", "division", "d", "d", "VP", t0.Add(2*time.Second))
		w := unit("w", "division", "d", "d", "KT", t0.Add(3*time.Second))
		w.Code = "000.00.31.H37"
		insertUnits(t, s, p, d, v, w)

		up, err := s.Ancestors(ctx, v)
		if err != nil || len(up) != 2 || up[0].ID != "p" || up[1].ID != "d" {
			t.Fatalf("ancestors = %v, %v", up, err)
		}
		if up, _ := s.Ancestors(ctx, p); len(up) != 0 {
			t.Fatalf("root ancestors = %v", up)
		}

		v.Name, v.Code = "Văn phòng Sở", "000.00.31.H38"
		if err := inTx(t, s, func(ctx context.Context, tx *store.Tx) error { return tx.UpdateUnit(ctx, v) }); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Unit(ctx, "v"); got != v {
			t.Fatalf("after update %+v, want %+v", got, v)
		}
		// The unique indexes hold for updates too.
		for _, bad := range []domain.Unit{
			func() domain.Unit { x := v; x.ShortName = "KT"; return x }(),
			func() domain.Unit { x := v; x.Code = w.Code; return x }(),
		} {
			err := inTx(t, s, func(ctx context.Context, tx *store.Tx) error { return tx.UpdateUnit(ctx, bad) })
			if !errors.Is(err, domain.ErrDuplicate) {
				t.Errorf("update to %s/%s: %v, want ErrDuplicate", bad.ShortName, bad.Code, err)
			}
		}
		if id, _ := s.ShortNameTakenBy(ctx, "d", "KT"); id != "w" {
			t.Fatalf("ShortNameTakenBy = %q", id)
		}
		if id, _ := s.CodeTakenBy(ctx, w.Code); id != "w" {
			t.Fatalf("CodeTakenBy = %q", id)
		}
		err = inTx(t, s, func(ctx context.Context, tx *store.Tx) error {
			return tx.UpdateUnit(ctx, unit("nope", "agency", "", "nope", "X", t0))
		})
		if !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("update of a missing unit: %v", err)
		}

		if err := insertUser(t, s, domain.User{ID: "u1", Username: "a.b", FullName: "A", UnitID: "v", Roles: []string{"clerk"}, Active: true, CreatedAt: t0}, "h"); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			id              string
			children, users int
		}{{"p", 1, 0}, {"d", 2, 0}, {"v", 0, 1}, {"w", 0, 0}} {
			c, u, err := s.ActiveDependents(ctx, tt.id)
			if err != nil || c != tt.children || u != tt.users {
				t.Errorf("ActiveDependents(%s) = %d, %d, %v; want %d, %d", tt.id, c, u, err, tt.children, tt.users)
			}
		}
		w.Active = false
		if err := inTx(t, s, func(ctx context.Context, tx *store.Tx) error { return tx.UpdateUnit(ctx, w) }); err != nil {
			t.Fatal(err)
		}
		if c, _, _ := s.ActiveDependents(ctx, "d"); c != 1 {
			t.Fatalf("inactive child still counted: %d", c)
		}
	})
}

func TestUserUpdateAndRevocation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		insertUnits(t, s, unit("p", "agency", "", "p", "UBND", t0), unit("d", "agency", "p", "d", "STTTT", t0))
		u := domain.User{ID: "u1", Username: "a.b", FullName: "A", Email: "a@b.vn", UnitID: "p", AgencyID: "p", Roles: []string{"clerk"}, Active: true, CreatedAt: t0}
		if err := insertUser(t, s, u, "hash-1"); err != nil {
			t.Fatal(err)
		}
		u.UnitID, u.AgencyID, u.Roles, u.Title, u.Active = "d", "d", []string{"leader", "specialist"}, "Giám đốc", false
		err := inTx(t, s, func(ctx context.Context, tx *store.Tx) error {
			if err := tx.UpdateUser(ctx, u); err != nil {
				return err
			}
			return tx.SetPasswordHash(ctx, u.ID, "hash-2")
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.User(ctx, "u1")
		if err != nil || got.UnitID != "d" || got.AgencyID != "d" || !slices.Equal(got.Roles, u.Roles) || got.Title != u.Title || got.Active {
			t.Fatalf("user = %+v, %v", got, err)
		}
		if h, _ := s.PasswordHash(ctx, "u1"); h != "hash-2" {
			t.Fatalf("hash = %q", h)
		}
		// Every unrevoked refresh token of the user, in any family, is
		// revoked; another user's are not.
		if err := insertUser(t, s, domain.User{ID: "u2", Username: "c.d", FullName: "C", Roles: []string{"admin"}, Active: true, CreatedAt: t0}, "h"); err != nil {
			t.Fatal(err)
		}
		var n int64
		err = inTx(t, s, func(ctx context.Context, tx *store.Tx) error {
			for i, owner := range []string{"u1", "u1", "u2"} {
				if err := tx.InsertRefreshToken(ctx, domain.RefreshToken{Hash: string(rune('a' + i)), FamilyID: "f" + string(rune('0'+i)), UserID: owner,
					CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}); err != nil {
					return err
				}
			}
			var err error
			n, err = tx.RevokeUserRefreshTokens(ctx, "u1", t0.Add(time.Minute))
			return err
		})
		if err != nil || n != 2 {
			t.Fatalf("revoked %d, %v; want 2", n, err)
		}
		if rt, _ := s.RefreshToken(ctx, "c"); !rt.RevokedAt.IsZero() {
			t.Fatal("another user's token was revoked")
		}
	})
}

func TestClientsStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		c := domain.Client{ID: "c1", Name: "Cổng", SecretHash: "abc", Scopes: []string{"events:read", "webhooks:write"}, Active: true, CreatedBy: "admin", CreatedAt: t0}
		if err := inTx(t, s, func(ctx context.Context, tx *store.Tx) error { return tx.InsertClient(ctx, c) }); err != nil {
			t.Fatal(err)
		}
		got, err := s.Client(ctx, "c1")
		if err != nil || got.Name != c.Name || got.SecretHash != "abc" || !slices.Equal(got.Scopes, c.Scopes) || !got.CreatedAt.Equal(t0) || !got.Active {
			t.Fatalf("client = %+v, %v", got, err)
		}
		if _, err := s.Client(ctx, "nope"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown client: %v", err)
		}
		if err := inTx(t, s, func(ctx context.Context, tx *store.Tx) error { return tx.InsertClient(ctx, c) }); !errors.Is(err, domain.ErrDuplicate) {
			t.Fatalf("duplicate client: %v", err)
		}
	})
}

func TestThrottleCounters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		hit := func(key string, at time.Time) domain.Counter {
			t.Helper()
			var c domain.Counter
			if err := inTx(t, s, func(ctx context.Context, tx *store.Tx) error {
				var err error
				c, err = tx.Hit(ctx, key, at, time.Minute)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return c
		}
		steps := []struct {
			at       time.Duration
			hits     int
			windowAt time.Duration
		}{
			{0, 1, 0}, {10 * time.Second, 2, 0}, {59 * time.Second, 3, 0},
			{60 * time.Second, 1, 60 * time.Second}, // the window ended: a new one
			{90 * time.Second, 2, 60 * time.Second},
		}
		for _, st := range steps {
			c := hit("addr:10.0.0.1", t0.Add(st.at))
			if c.Hits != st.hits || !c.WindowStart.Equal(t0.Add(st.windowAt)) {
				t.Fatalf("at +%v: %+v, want %d hits from +%v", st.at, c, st.hits, st.windowAt)
			}
		}
		// Unhit takes one back and never goes below zero.
		for _, want := range []int{1, 0, 0} {
			if err := inTx(t, s, func(ctx context.Context, tx *store.Tx) error { return tx.Unhit(ctx, "addr:10.0.0.1") }); err != nil {
				t.Fatal(err)
			}
			if c, _ := s.Counter(ctx, "addr:10.0.0.1"); c.Hits != want {
				t.Fatalf("after unhit: %d hits, want %d", c.Hits, want)
			}
		}
		if c, _ := s.Counter(ctx, "none"); c.Hits != 0 || !c.LockedUntil.IsZero() {
			t.Fatalf("missing counter = %+v", c)
		}
		err := inTx(t, s, func(ctx context.Context, tx *store.Tx) error {
			if err := tx.Lock(ctx, "addr:10.0.0.1", t0.Add(time.Hour)); err != nil {
				return err
			}
			return tx.Lock(ctx, "addr:10.0.0.1", t0.Add(2*time.Hour))
		})
		if err != nil {
			t.Fatal(err)
		}
		c, _ := s.Counter(ctx, "addr:10.0.0.1")
		if c.Lockouts != 2 || c.Hits != 0 || !c.LockedUntil.Equal(t0.Add(2*time.Hour)) {
			t.Fatalf("locked counter = %+v", c)
		}
		hit("user:x", t0)
		var pruned int64
		err = inTx(t, s, func(ctx context.Context, tx *store.Tx) error {
			var err error
			pruned, err = tx.PruneCounters(ctx, t0.Add(24*time.Hour), t0.Add(90*time.Minute))
			return err
		})
		if err != nil || pruned != 1 {
			t.Fatalf("pruned %d, %v; want 1 (the locked one stays)", pruned, err)
		}
		if c, _ := s.Counter(ctx, "addr:10.0.0.1"); c.Lockouts != 2 {
			t.Fatal("a locked counter was pruned")
		}
	})
}

func TestRetireSigningKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		key := func(kid string, at time.Time) domain.SigningKey {
			_, priv, _ := ed25519.GenerateKey(rand.Reader)
			return domain.SigningKey{Kid: kid, Private: priv, CreatedAt: at}
		}
		if err := inTx(t, s, func(ctx context.Context, tx *store.Tx) error { return tx.InsertSigningKey(ctx, key("k1", t0)) }); err != nil {
			t.Fatal(err)
		}
		retire := func(cutoff time.Time) int64 {
			var n int64
			if err := inTx(t, s, func(ctx context.Context, tx *store.Tx) error {
				var err error
				n, err = tx.RetireSigningKeys(ctx, cutoff, t0.Add(time.Hour), t0.Add(time.Hour+16*time.Minute))
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := retire(t0.Add(-time.Second)); n != 0 {
			t.Fatalf("retired a key younger than the cutoff: %d", n)
		}
		if n := retire(t0); n != 1 {
			t.Fatalf("retired %d, want 1", n)
		}
		if n := retire(t0); n != 0 {
			t.Fatalf("retired the same key twice: %d", n)
		}
		// It signs until its retirement, not after.
		if k, err := s.ActiveSigningKey(ctx, t0.Add(time.Hour-time.Second)); err != nil || k.Kid != "k1" {
			t.Fatalf("before retirement: %s, %v", k.Kid, err)
		}
		if _, err := s.ActiveSigningKey(ctx, t0.Add(time.Hour)); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("a retired key still signs: %v", err)
		}
		// A key published ahead signs only from its activation.
		next := key("k2", t0.Add(time.Hour-10*time.Second))
		next.ActivatesAt = t0.Add(time.Hour)
		if err := inTx(t, s, func(ctx context.Context, tx *store.Tx) error { return tx.InsertSigningKey(ctx, next) }); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			at   time.Duration
			want string
		}{{time.Hour - time.Second, "k1"}, {time.Hour, "k2"}} {
			if k, err := s.ActiveSigningKey(ctx, t0.Add(tt.at)); err != nil || k.Kid != tt.want {
				t.Errorf("signing at +%v: %s, %v; want %s", tt.at, k.Kid, err, tt.want)
			}
		}
		if keys, _ := s.PublishedKeys(ctx, t0.Add(time.Hour-5*time.Second)); len(keys) != 2 {
			t.Fatalf("the next key is not published ahead: %d keys", len(keys))
		}
		for _, tt := range []struct {
			at   time.Duration
			want int
		}{{time.Hour + 15*time.Minute, 2}, {time.Hour + 16*time.Minute, 1}} {
			if keys, _ := s.PublishedKeys(ctx, t0.Add(tt.at)); len(keys) != tt.want {
				t.Errorf("published at +%v: %d keys, want %d", tt.at, len(keys), tt.want)
			}
		}
	})
}
