package store_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
)

func open(t *testing.T, db *pkgstore.DB) *store.Store {
	t.Helper()
	if err := db.Migrate(context.Background(), "goose_identity", store.Migrations); err != nil {
		t.Fatal(err)
	}
	return store.New(db, nil)
}

var t0 = time.Date(2026, 3, 1, 8, 0, 0, 123456000, time.UTC)

func unit(id, kind, parent, agency, short string, at time.Time) domain.Unit {
	return domain.Unit{ID: id, Kind: domain.UnitKind(kind), Name: "Unit " + id, ShortName: short,
		ParentID: parent, AgencyID: agency, Active: true, CreatedAt: at}
}

func insertUnits(t *testing.T, s *store.Store, us ...domain.Unit) {
	t.Helper()
	err := s.InStoreTx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
		for _, u := range us {
			if err := tx.InsertUnit(ctx, u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func insertUser(t *testing.T, s *store.Store, u domain.User, hash string) error {
	t.Helper()
	return s.InStoreTx(context.Background(), func(ctx context.Context, tx *store.Tx) error { return tx.InsertUser(ctx, u, hash) })
}

func TestUnits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		root := unit("p", "agency", "", "p", "UBND", t0)
		root.Code = "000.00.00.H37"
		office := unit("o", "division", "p", "p", "VP", t0.Add(time.Second))
		insertUnits(t, s, root, office)

		got, err := s.Unit(ctx, "o")
		if err != nil || got != office {
			t.Fatalf("Unit(o) = %+v, %v; want %+v", got, err, office)
		}
		if got, _ := s.Unit(ctx, "p"); got != root {
			t.Fatalf("Unit(p) = %+v, want %+v", got, root)
		}
		if _, err := s.Unit(ctx, "nope"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown unit: %v", err)
		}

		taken := []struct {
			parent, short string
			want          bool
		}{
			{"p", "VP", true},
			{"", "UBND", true},
			{"", "VP", false},  // VP is a child of p, not a root
			{"o", "VP", false}, // other parent
			{"p", "vp", false}, // exact short names
			{"p", "UBND", false},
		}
		for _, tt := range taken {
			if got, err := s.ShortNameTaken(ctx, tt.parent, tt.short); err != nil || got != tt.want {
				t.Errorf("ShortNameTaken(%q, %q) = %v, %v; want %v", tt.parent, tt.short, got, err, tt.want)
			}
		}
		if got, _ := s.CodeTaken(ctx, "000.00.00.H37"); !got {
			t.Error("code not taken")
		}
		if got, _ := s.CodeTaken(ctx, "000.00.00.H38"); got {
			t.Error("free code taken")
		}

		// The unique indexes back the checks up against concurrent inserts.
		dups := []domain.Unit{
			unit("o2", "division", "p", "p", "VP", t0),
			unit("p2", "agency", "", "p2", "UBND", t0),
			func() domain.Unit { u := unit("p3", "agency", "", "p3", "X", t0); u.Code = root.Code; return u }(),
			unit("p", "agency", "", "p", "Y", t0),
		}
		for _, u := range dups {
			err := s.InStoreTx(ctx, func(ctx context.Context, tx *store.Tx) error { return tx.InsertUnit(ctx, u) })
			if !errors.Is(err, domain.ErrDuplicate) {
				t.Errorf("insert %s/%s: err = %v, want ErrDuplicate", u.ID, u.ShortName, err)
			}
		}
		// An inactive sibling frees its short name.
		err = db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE units SET active = $1 WHERE id = 'o'`, false)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := s.ShortNameTaken(ctx, "p", "VP"); got {
			t.Error("inactive sibling still holds its short name")
		}
		insertUnits(t, s, unit("o3", "division", "p", "p", "VP", t0.Add(2*time.Second)))
	})
}

func TestUnitsPaging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		var want []string
		for i := range 7 {
			// Two units share each timestamp: the id breaks the tie.
			at := t0.Add(time.Duration(i/2) * time.Millisecond)
			insertUnits(t, s, unit(fmt.Sprintf("u%d", i), "agency", "", fmt.Sprintf("u%d", i), fmt.Sprintf("S%d", i), at))
		}
		for i := 6; i >= 0; i-- {
			want = append(want, fmt.Sprintf("u%d", i))
		}
		var got []string
		p := app.Page{Limit: 3}
		for pages := 0; ; pages++ {
			l, err := s.Units(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range l.Items {
				got = append(got, u.ID)
			}
			if l.Next == nil {
				if pages != 2 {
					t.Fatalf("%d pages, want 3", pages+1)
				}
				break
			}
			p.After = l.Next
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("order = %v, want %v", got, want)
		}
		for _, bad := range [][]string{{"x"}, {"not a time", "u1"}, {"2026-03-01T08:00:00.000000Z", ""}} {
			if _, err := s.Units(ctx, app.Page{Limit: 3, After: bad}); err == nil {
				t.Errorf("cursor %v accepted", bad)
			}
		}
		l, err := store.New(db, nil).Units(ctx, app.Page{})
		if err != nil || len(l.Items) != 7 || l.Next != nil {
			t.Fatalf("default page: %d items, next %v, err %v", len(l.Items), l.Next, err)
		}
	})
}

func TestUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		insertUnits(t, s, unit("p", "agency", "", "p", "UBND", t0), unit("o", "division", "p", "p", "VP", t0))
		admin := domain.User{ID: "a", Username: "admin", FullName: "Administrator", Roles: []string{"admin"}, Active: true, CreatedAt: t0}
		clerk := domain.User{ID: "c", Username: "clerk.vp", FullName: "Trần Thị B", Email: "b@khanhhoa.gov.vn", UnitID: "o",
			Roles: []string{"clerk", "specialist"}, Title: "Chuyên viên", Active: true, CreatedAt: t0.Add(time.Second)}
		if err := insertUser(t, s, admin, "hash-a"); err != nil {
			t.Fatal(err)
		}
		if err := insertUser(t, s, clerk, "hash-c"); err != nil {
			t.Fatal(err)
		}

		got, err := s.User(ctx, "c")
		want := clerk
		want.AgencyID = "p" // from the unit
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("User(c) = %+v, %v; want %+v", got, err, want)
		}
		if got, _ := s.User(ctx, "a"); got.UnitID != "" || got.AgencyID != "" || got.Username != "admin" {
			t.Fatalf("User(a) = %+v", got)
		}
		u, hash, err := s.Credentials(ctx, "clerk.vp")
		if err != nil || hash != "hash-c" || u.ID != "c" {
			t.Fatalf("Credentials = %+v, %q, %v", u, hash, err)
		}
		if _, _, err := s.Credentials(ctx, "nobody"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown username: %v", err)
		}
		if _, err := s.User(ctx, "nobody"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown user: %v", err)
		}
		dup := clerk
		dup.ID = "c2"
		if err := insertUser(t, s, dup, "h"); !errors.Is(err, domain.ErrDuplicate) {
			t.Fatalf("duplicate username: %v", err)
		}
		if taken, _ := s.UsernameTaken(ctx, "clerk.vp"); !taken {
			t.Fatal("username not taken")
		}

		lists := []struct {
			filter app.UserFilter
			want   string
		}{
			{app.UserFilter{}, "[c a]"},
			{app.UserFilter{UnitID: "o"}, "[c]"},
			{app.UserFilter{UnitID: "p"}, "[]"},
		}
		for _, tt := range lists {
			l, err := s.Users(ctx, tt.filter, app.Page{Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			ids := []string{}
			for _, u := range l.Items {
				ids = append(ids, u.ID)
			}
			if fmt.Sprint(ids) != tt.want {
				t.Errorf("Users(%+v) = %v, want %s", tt.filter, ids, tt.want)
			}
		}
		l, err := s.Users(ctx, app.UserFilter{}, app.Page{Limit: 1})
		if err != nil || len(l.Items) != 1 || l.Items[0].ID != "c" || l.Next == nil {
			t.Fatalf("page 1 = %+v, %v", l, err)
		}
		l, err = s.Users(ctx, app.UserFilter{}, app.Page{Limit: 1, After: l.Next})
		if err != nil || len(l.Items) != 1 || l.Items[0].ID != "a" || l.Next != nil {
			t.Fatalf("page 2 = %+v, %v", l, err)
		}
	})
}

func newKey(t *testing.T, kid string, at time.Time) domain.SigningKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return domain.SigningKey{Kid: kid, Private: priv, CreatedAt: at}
}

func TestSigningKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		if _, err := s.ActiveSigningKey(ctx, t0.Add(2*time.Minute)); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("no keys: %v", err)
		}
		old := newKey(t, "old", t0)
		old.RetiredAt, old.NotAfter = t0.Add(time.Hour), t0.Add(2*time.Hour)
		cur := newKey(t, "cur", t0.Add(time.Minute))
		gone := newKey(t, "gone", t0.Add(-time.Hour))
		gone.RetiredAt, gone.NotAfter = t0, t0.Add(time.Minute)
		err := s.InStoreTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			for _, k := range []domain.SigningKey{old, cur, gone} {
				if err := tx.InsertSigningKey(ctx, k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		k, err := s.ActiveSigningKey(ctx, t0.Add(2*time.Minute))
		if err != nil || k.Kid != "cur" || !k.Private.Equal(cur.Private) || !k.CreatedAt.Equal(cur.CreatedAt) {
			t.Fatalf("active = %s, %v", k.Kid, err)
		}
		keys, err := s.PublishedKeys(ctx, t0.Add(90*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		var kids []string
		for _, k := range keys {
			kids = append(kids, k.Kid)
		}
		if fmt.Sprint(kids) != "[cur old]" {
			t.Fatalf("published = %v, want [cur old]", kids)
		}
		if !keys[1].RetiredAt.Equal(old.RetiredAt) || !keys[1].NotAfter.Equal(old.NotAfter) {
			t.Fatalf("old key times = %v %v", keys[1].RetiredAt, keys[1].NotAfter)
		}
		if keys, _ := s.PublishedKeys(ctx, t0.Add(3*time.Hour)); len(keys) != 1 {
			t.Fatalf("after old's not_after: %d keys", len(keys))
		}
	})
}

func TestRefreshTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		if err := insertUser(t, s, domain.User{ID: "u", Username: "abc", FullName: "A", Roles: []string{"admin"}, Active: true, CreatedAt: t0}, "h"); err != nil {
			t.Fatal(err)
		}
		tok := func(hash, family string, expires time.Time) domain.RefreshToken {
			return domain.RefreshToken{Hash: hash, FamilyID: family, UserID: "u", CreatedAt: t0, ExpiresAt: expires}
		}
		inTx := func(fn func(ctx context.Context, tx *store.Tx) error) {
			t.Helper()
			if err := s.InStoreTx(ctx, fn); err != nil {
				t.Fatal(err)
			}
		}
		inTx(func(ctx context.Context, tx *store.Tx) error {
			for _, rt := range []domain.RefreshToken{
				tok("h1", "f1", t0.Add(time.Hour)),
				tok("h2", "f1", t0.Add(time.Hour)),
				tok("h3", "f2", t0.Add(time.Minute)),
			} {
				if err := tx.InsertRefreshToken(ctx, rt); err != nil {
					return err
				}
			}
			return nil
		})
		now := t0.Add(10 * time.Minute)
		steps := []struct {
			name     string
			hash     string
			wantUsed bool
			wantErr  error
		}{
			{"first use", "h1", true, nil},
			{"second use", "h1", false, nil},
			{"expired", "h3", false, nil},
			{"unknown", "hx", false, domain.ErrNotFound},
		}
		for _, st := range steps {
			inTx(func(ctx context.Context, tx *store.Tx) error {
				rt, used, err := tx.UseRefreshToken(ctx, st.hash, now)
				if !errors.Is(err, st.wantErr) || used != st.wantUsed {
					t.Errorf("%s: used = %v, err = %v", st.name, used, err)
				}
				if err == nil && (rt.Hash != st.hash || rt.UsedAt.IsZero() != (st.hash == "h3")) {
					t.Errorf("%s: token = %+v", st.name, rt)
				}
				return nil
			})
		}
		inTx(func(ctx context.Context, tx *store.Tx) error {
			n, err := tx.RevokeRefreshFamily(ctx, "f1", now)
			if err != nil || n != 2 {
				t.Errorf("revoked %d, %v; want 2", n, err)
			}
			n, _ = tx.RevokeRefreshFamily(ctx, "f1", now)
			if n != 0 {
				t.Errorf("revoked again: %d", n)
			}
			return nil
		})
		inTx(func(ctx context.Context, tx *store.Tx) error {
			rt, used, err := tx.UseRefreshToken(ctx, "h2", now)
			if err != nil || used || !rt.RevokedAt.Equal(now) || !rt.UsedAt.IsZero() {
				t.Errorf("revoked token: %+v, used %v, %v", rt, used, err)
			}
			return nil
		})
		if rt, _ := s.RefreshToken(ctx, "h3"); !rt.UsedAt.IsZero() || !rt.RevokedAt.IsZero() {
			t.Errorf("expired token changed: %+v", rt)
		}
	})
}
