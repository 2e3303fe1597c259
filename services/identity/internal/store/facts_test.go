package store_test

import (
	"context"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/store"
)

// TestAgencyFactsAndPositionStored: the agency facts and a person's
// position are written by insert and update and read back by every read.
func TestAgencyFactsAndPositionStored(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		ubnd := unit("p", "agency", "", "p", "UBND", t0)
		ubnd.AgencyFacts = domain.AgencyFacts{PlaceName: "Khánh Hòa", Regime: domain.RegimeCollective, HeadTitle: "Chủ tịch", CollectiveName: "Ủy ban nhân dân"}
		insertUnits(t, s, ubnd)
		if got, err := s.Unit(ctx, "p"); err != nil || got != ubnd {
			t.Fatalf("inserted: %+v, %v; want %+v", got, err, ubnd)
		}
		ubnd.AgencyFacts = domain.AgencyFacts{PlaceName: "Nha Trang", Regime: domain.RegimeHeadLed, HeadTitle: "Giám đốc"}
		if err := s.InStoreTx(ctx, func(ctx context.Context, tx *store.Tx) error { return tx.UpdateUnit(ctx, ubnd) }); err != nil {
			t.Fatal(err)
		}
		l, err := s.Units(ctx, app.Page{})
		if err != nil || len(l.Items) != 1 || l.Items[0] != ubnd {
			t.Fatalf("listed after update: %+v, %v; want %+v", l.Items, err, ubnd)
		}

		u := domain.User{ID: "u", Username: "pct", FullName: "Phó Chủ tịch", Email: "pct@khanhhoa.gov.vn", UnitID: "p", AgencyID: "p",
			Roles: []string{"leader"}, Title: "Phó Chủ tịch", Position: domain.PositionDeputy, Active: true, CreatedAt: t0}
		if err := insertUser(t, s, u, "hash"); err != nil {
			t.Fatal(err)
		}
		if got, err := s.User(ctx, "u"); err != nil || got.Position != domain.PositionDeputy {
			t.Fatalf("inserted: %+v, %v", got, err)
		}
		u.Position = domain.PositionActingHead
		if err := s.InStoreTx(ctx, func(ctx context.Context, tx *store.Tx) error { return tx.UpdateUser(ctx, u) }); err != nil {
			t.Fatal(err)
		}
		if got, _, err := s.Credentials(ctx, "pct"); err != nil || got.Position != domain.PositionActingHead {
			t.Fatalf("updated: %+v, %v", got, err)
		}
		users, err := s.Users(ctx, app.UserFilter{AgencyID: "p"}, app.Page{})
		if err != nil || len(users.Items) != 1 || users.Items[0].Position != domain.PositionActingHead {
			t.Fatalf("listed: %+v, %v", users.Items, err)
		}
	})
}
