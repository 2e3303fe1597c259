package store_test

import (
	"context"
	"slices"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
)

// TestMigrateKeepsTheDirectory: a database from before the shared identity
// read model keeps its units, people with their roles and clients, with
// their event times (an older event still changes nothing).
func TestMigrateKeepsTheDirectory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		if err := db.Migrate(ctx, "goose_notifications", storetest.MigrationsBefore(t, store.Migrations, "00006")); err != nil {
			t.Fatal(err)
		}
		at := pkgstore.FormatTime(t0)
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			for _, q := range []string{
				`INSERT INTO directory_units (id, parent_id, kind, agency_id, name, short_name, active, event_time)
				 VALUES ('vp', 'ubnd', 'division', 'ubnd', 'Văn phòng', 'VP', TRUE, '` + at + `')`,
				`INSERT INTO directory_people (id, username, full_name, email, unit_id, agency_id, title, active, event_time)
				 VALUES ('p1', 'lan', 'Nguyễn Thị Lan', 'lan@example.vn', 'vp', 'ubnd', 'Chánh Văn phòng', TRUE, '` + at + `')`,
				`INSERT INTO directory_roles (person_id, role) VALUES ('p1', 'leader'), ('p1', 'clerk')`,
				`INSERT INTO directory_clients (id, name, scopes, agency_id, active, event_time)
				 VALUES ('c1', 'Cổng', 'tasks:read webhooks:manage', 'ubnd', TRUE, '` + at + `')`,
			} {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return err
				}
			}
			return nil
		})
		s := open(t, db) // migrates the rest
		if u, err := s.Unit(ctx, db, "vp"); err != nil || u.AgencyID != "ubnd" || u.Name != "Văn phòng" || !u.Active {
			t.Fatalf("unit after migration: %+v %v", u, err)
		}
		p, err := s.Person(ctx, db, "p1")
		if err != nil || p.Email != "lan@example.vn" || p.Title != "Chánh Văn phòng" || !slices.Equal(p.Roles, []string{"clerk", "leader"}) {
			t.Fatalf("person after migration: %+v %v", p, err)
		}
		if c, err := s.Client(ctx, db, "c1"); err != nil || c.AgencyID != "ubnd" || !slices.Equal(c.Scopes, []string{"tasks:read", "webhooks:manage"}) || !c.Active {
			t.Fatalf("client after migration: %+v %v", c, err)
		}
		if h, err := s.DirectoryHorizon(ctx, db); err != nil || !h.Equal(t0) {
			t.Fatalf("horizon after migration: %v %v", h, err)
		}
	})
}
