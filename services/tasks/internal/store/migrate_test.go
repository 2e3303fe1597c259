package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	taskstore "github.com/eoffice-vn/eoffice/services/tasks/internal/store"
)

// TestMigrateKeepsOldUnitsAndUsers: a database from before the shared
// identity read model keeps its unit tree and people.
func TestMigrateKeepsOldUnitsAndUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.Migrate(ctx, "goose_tasks", storetest.MigrationsBefore(t, taskstore.Migrations, "00006")); err != nil {
			t.Fatal(err)
		}
		inTx(t, db, func(ctx context.Context, tx *store.Tx) error {
			for _, q := range []string{
				`INSERT INTO units (id, parent_id, kind, agency_id, code, short_name, name, active, updated_at)
				 VALUES ('ubnd', '', 'agency', 'ubnd', 'H34', 'UBND', 'Ủy ban', TRUE, '2025-01-01T00:00:00.000000000Z')`,
				`INSERT INTO units (id, parent_id, kind, agency_id, code, short_name, name, active, updated_at)
				 VALUES ('vp', 'ubnd', 'division', 'ubnd', '', 'VP', 'Văn phòng', FALSE, '2025-01-01T00:00:00.000000000Z')`,
				`INSERT INTO users (id, unit_id, agency_id, full_name, active, event_time)
				 VALUES ('cv', 'vp', 'ubnd', 'Chuyên viên', TRUE, '2025-02-01T00:00:00.000000000Z')`,
			} {
				if _, err := tx.ExecContext(ctx, q); err != nil {
					return err
				}
			}
			return nil
		})
		if err := taskstore.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		vp, err := identityview.GetUnit(ctx, db, "vp")
		if err != nil || vp.AgencyID != "ubnd" || vp.ParentID != "ubnd" || vp.ShortName != "VP" || vp.Active {
			t.Fatalf("vp after migration: %+v %v", vp, err)
		}
		if u, err := identityview.GetUnit(ctx, db, "ubnd"); err != nil || u.Code != "H34" || u.Name != "Ủy ban" || !u.Active {
			t.Fatalf("ubnd after migration: %+v %v", u, err)
		}
		p, err := identityview.GetPerson(ctx, db, "cv")
		if err != nil || p.UnitID != "vp" || p.AgencyID != "ubnd" || p.FullName != "Chuyên viên" || !p.Active {
			t.Fatalf("cv after migration: %+v %v", p, err)
		}
		// The person keeps the version they had: an older event changes nothing.
		h, err := identityview.Horizon(ctx, db)
		if err != nil || !strings.HasPrefix(store.FormatTime(h), "2025-02-01") {
			t.Fatalf("horizon %v %v", h, err)
		}
	})
}
