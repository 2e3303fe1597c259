package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/store"
)

func open(t *testing.T, db *pkgstore.DB) *store.Store {
	t.Helper()
	ctx := context.Background()
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(ctx, db); err != nil { // a second start changes nothing
		t.Fatal(err)
	}
	return store.New(db, messaging.NewOutbox(db, messaging.OutboxConfig{Brokers: []string{"127.0.0.1:1"}}))
}

func TestOrganisations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
		orgs := []domain.Organisation{{Code: "000.00.00.H49", Name: "UBND tỉnh Quảng Ninh"}, {Code: "000.00.00.G22", Name: "Văn phòng Chính phủ"},
			{Code: "000.00.15.H51", Name: "Sở Nội vụ tỉnh Quảng Ngãi", ParentCode: "000.00.00.H51"}}
		if err := s.InTx(ctx, func(ctx context.Context, w app.Writes) error { return w.PutOrganisations(ctx, orgs, t0) }); err != nil {
			t.Fatal(err)
		}
		// An import again updates, keeping the creation time.
		orgs[0].Email = "vt@quangninh.gov.vn"
		if err := s.InTx(ctx, func(ctx context.Context, w app.Writes) error {
			return w.PutOrganisations(ctx, orgs[:1], t0.Add(time.Hour))
		}); err != nil {
			t.Fatal(err)
		}
		o, err := s.Organisation(ctx, "000.00.00.H49")
		if err != nil || o.Email != "vt@quangninh.gov.vn" || !o.CreatedAt.Equal(t0) || !o.UpdatedAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("= %+v, %v", o, err)
		}
		page, err := s.Organisations(ctx, app.OrganisationQuery{Limit: 2})
		if err != nil || len(page) != 2 || page[0].Code != "000.00.00.G22" || page[1].Code != "000.00.00.H49" {
			t.Fatalf("first page = %+v, %v", page, err)
		}
		page, err = s.Organisations(ctx, app.OrganisationQuery{After: "000.00.00.H49", Limit: 2})
		if err != nil || len(page) != 1 || page[0].Code != "000.00.15.H51" {
			t.Fatalf("second page = %+v, %v", page, err)
		}
		page, err = s.Organisations(ctx, app.OrganisationQuery{Q: "quảng", Limit: 10})
		if err != nil || len(page) != 2 {
			t.Fatalf("search = %+v, %v", page, err)
		}
		err = s.InTx(ctx, func(ctx context.Context, w app.Writes) error {
			return w.UpdateOrganisation(ctx, domain.Organisation{Code: "000.00.00.H01", Name: "x"}, t0)
		})
		if !errors.Is(err, apperr.ErrNotFound) {
			t.Fatalf("update unknown = %v", err)
		}
		if _, err := s.Organisation(ctx, "000.00.00.H01"); !errors.Is(err, apperr.ErrNotFound) {
			t.Fatalf("unknown = %v", err)
		}
	})
}

func TestPackageKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
		p := domain.Package{ID: "p1", Direction: domain.In, State: domain.StateReceived, CreatedAt: t0, UpdatedAt: t0,
			Files: []domain.File{{Index: 0, Name: "a.pdf", Size: 3, SHA256: "abc", Signature: domain.SignatureUnsigned}}}
		var created []bool
		for _, id := range []string{"p1", "p2"} {
			p.ID = id
			err := s.InTx(ctx, func(ctx context.Context, w app.Writes) error {
				ok, err := w.AddPackage(ctx, p, "in:same")
				created = append(created, ok)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if created[0] != true || created[1] != false {
			t.Fatalf("created = %v", created)
		}
		got, err := s.PackageByKey(ctx, "in:same")
		if err != nil || got.ID != "p1" || len(got.Files) != 1 || got.Files[0].Name != "a.pdf" {
			t.Fatalf("= %+v, %v", got, err)
		}
		// Kept but not decided: not the answer to a repeat of its DocumentId.
		got.EdxmlDocumentID, got.OrganisationCode = "d", "000.00.00.G22"
		if err := s.InTx(ctx, func(ctx context.Context, w app.Writes) error { return w.SavePackage(ctx, got) }); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PackageByEdxmlID(ctx, domain.In, "000.00.00.G22", "d"); !errors.Is(err, apperr.ErrNotFound) {
			t.Fatalf("undecided found: %v", err)
		}
		got.State = domain.StateAccepted
		if err := s.InTx(ctx, func(ctx context.Context, w app.Writes) error { return w.SavePackage(ctx, got) }); err != nil {
			t.Fatal(err)
		}
		if p, err := s.PackageByEdxmlID(ctx, domain.In, "000.00.00.G22", "d"); err != nil || p.ID != "p1" {
			t.Fatalf("= %+v, %v", p, err)
		}
	})
}

// TestMovePackageOnce: replicas moving one package at once: one wins.
func TestMovePackageOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		t0 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
		p := domain.Package{ID: "p1", Direction: domain.In, State: domain.StateReceived, CreatedAt: t0, UpdatedAt: t0}
		if err := s.InTx(ctx, func(ctx context.Context, w app.Writes) error { _, err := w.AddPackage(ctx, p, "k"); return err }); err != nil {
			t.Fatal(err)
		}
		wins := make(chan bool, 4)
		for range 4 {
			go func() {
				q := p
				q.State = domain.StateAccepted
				var moved bool
				err := s.InTx(ctx, func(ctx context.Context, w app.Writes) error {
					var err error
					moved, err = w.MovePackage(ctx, q, domain.StateReceived)
					return err
				})
				if err != nil {
					t.Error(err)
				}
				wins <- moved
			}()
		}
		n := 0
		for range 4 {
			if <-wins {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("%d movers won, want 1", n)
		}
	})
}
