package consumer_test

import (
	"context"
	"errors"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

func event(t *testing.T, short, subject string, p proto.Message) envelope.Event {
	t.Helper()
	ev, err := envelope.New(context.Background(), "/eoffice/identity", short, subject, p)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestUnitEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		if err := store.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		st := store.New(db)
		h := consumer.Handlers(app.NewTaskViews(), st.TaskWrites)
		ubnd := &eventsv1.UnitCreated{UnitId: "A", Kind: "agency", Name: "Ủy ban nhân dân tỉnh", ShortName: "UBND",
			Code: "000.00.00.H41", AgencyId: "A", Active: true}
		kt := &eventsv1.UnitCreated{UnitId: "A-KT", ParentId: "A", Kind: "division", Name: "Phòng Kinh tế", ShortName: "KT", Active: true}
		orphan := &eventsv1.UnitCreated{UnitId: "X-1", ParentId: "X", Kind: "division", ShortName: "P1", Active: true}
		renamed := &eventsv1.UnitUpdated{UnitId: "A", Kind: "agency", Name: "UBND tỉnh Khánh Hòa", ShortName: "UBND-KH", AgencyId: "A", Active: true}
		// Events are built in the order identity emitted them; a late one is
		// the first delivered again.
		first := event(t, events.UnitCreated, "A", ubnd)
		steps := []struct {
			name      string
			ev        envelope.Event
			permanent bool
			retry     bool
			unit      string
			want      domain.Unit
		}{
			{"created fills the directory", first, false, false, "A",
				domain.Unit{ID: "A", Kind: domain.UnitAgency, Code: "000.00.00.H41", Name: "Ủy ban nhân dân tỉnh", ShortName: "UBND", AgencyID: "A", Active: true}},
			{"the same again changes nothing", first, false, false, "A",
				domain.Unit{ID: "A", Kind: domain.UnitAgency, Code: "000.00.00.H41", Name: "Ủy ban nhân dân tỉnh", ShortName: "UBND", AgencyID: "A", Active: true}},
			{"a division without agency_id takes its parent's", event(t, events.UnitCreated, "A-KT", kt), false, false, "A-KT",
				domain.Unit{ID: "A-KT", ParentID: "A", Kind: domain.UnitDivision, Name: "Phòng Kinh tế", ShortName: "KT", AgencyID: "A", Active: true}},
			{"a division whose parent is unknown is retried", event(t, events.UnitCreated, "X-1", orphan), false, true, "", domain.Unit{}},
			{"updated overwrites", event(t, events.UnitUpdated, "A", renamed), false, false, "A",
				domain.Unit{ID: "A", Kind: domain.UnitAgency, Name: "UBND tỉnh Khánh Hòa", ShortName: "UBND-KH", AgencyID: "A", Active: true}},
			{"a late created does not undo an update", first, false, false, "A",
				domain.Unit{ID: "A", Kind: domain.UnitAgency, Name: "UBND tỉnh Khánh Hòa", ShortName: "UBND-KH", AgencyID: "A", Active: true}},
			{"an unknown kind goes to the DLQ", event(t, events.UnitCreated, "B", &eventsv1.UnitCreated{UnitId: "B", Kind: "ministry"}), true, false, "", domain.Unit{}},
			{"a payload that is not the type's goes to the DLQ", func() envelope.Event {
				ev := event(t, events.UnitCreated, "B", ubnd)
				ev.Data = []byte(`{"unit_id": 5}`)
				return ev
			}(), true, false, "", domain.Unit{}},
		}
		for _, s := range steps {
			t.Run(s.name, func(t *testing.T) {
				short, _ := s.ev.Short()
				err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error { return h[short](ctx, tx, s.ev) })
				switch {
				case s.permanent:
					if !messaging.IsPermanent(err) {
						t.Fatalf("err = %v, want permanent", err)
					}
					return
				case s.retry:
					if err == nil || messaging.IsPermanent(err) || !errors.Is(err, identityview.ErrParentUnknown) {
						t.Fatalf("err = %v, want a retryable error", err)
					}
					return
				case err != nil:
					t.Fatal(err)
				}
				got, err := st.Unit(ctx, db, s.unit)
				if err != nil || got != s.want {
					t.Fatalf("unit = %+v, %v; want %+v", got, err, s.want)
				}
			})
		}
		var n int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM identity_units`).Scan(&n); err != nil || n != 2 {
			t.Fatalf("%d units, want 2", n)
		}
	})
}
