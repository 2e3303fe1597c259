package consumer_test

import (
	"context"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

func TestUserEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		if err := store.Migrate(ctx, db); err != nil {
			t.Fatal(err)
		}
		st := store.New(db)
		h := consumer.Handlers(app.NewTaskViews(), st.TaskWrites)
		created := &eventsv1.UserCreated{UserId: "u1", Username: "ubnd.ld", FullName: "Trần Thị Bình", UnitId: "A",
			Roles: []string{"leader"}, Title: "Phó Chủ tịch", Active: true}
		promoted := &eventsv1.UserUpdated{UserId: "u1", FullName: "Trần Thị Bình", UnitId: "A", Title: "Chủ tịch", Active: true}
		steps := []struct {
			name, short string
			ev          any
			permanent   bool
			title       string
		}{
			{"created", events.UserCreated, created, false, "Phó Chủ tịch"},
			{"created again", events.UserCreated, created, false, "Phó Chủ tịch"},
			{"updated", events.UserUpdated, promoted, false, "Chủ tịch"},
			{"a late created keeps the update", events.UserCreated, created, false, "Chủ tịch"},
			{"no id goes to the DLQ", events.UserCreated, &eventsv1.UserCreated{FullName: "X"}, true, ""},
		}
		// Each payload is one event, emitted in the order of first use: the
		// late created is the first delivered again.
		emitted := map[any]envelope.Event{}
		for _, s := range steps {
			ev, ok := emitted[s.ev]
			if !ok {
				switch p := s.ev.(type) {
				case *eventsv1.UserCreated:
					ev = event(t, s.short, p.UserId, p)
				case *eventsv1.UserUpdated:
					ev = event(t, s.short, p.UserId, p)
				}
				emitted[s.ev] = ev
			}
			err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error { return h[s.short](ctx, tx, ev) })
			if s.permanent {
				if !messaging.IsPermanent(err) {
					t.Fatalf("%s: %v, want permanent", s.name, err)
				}
				continue
			}
			u, gerr := st.User(ctx, db, "u1")
			if err != nil || gerr != nil || u.Title != s.title || u.FullName != "Trần Thị Bình" || !u.Active {
				t.Fatalf("%s: %+v, %v %v", s.name, u, err, gerr)
			}
		}
	})
}
