package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

// TestUpdateRow: an update's row and events commit together, or neither
// does; ErrNoChange writes neither and is no error.
func TestUpdateRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		unit, err := e.App.CreateUnit(e.Admin(t), domain.UnitInput{Name: "Sở Nội vụ", ShortName: "SNV"})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		boom := errors.New("boom")
		tests := []struct {
			name     string
			id       string
			result   error // what update returns
			wantErr  error
			wantName string
			events   int // unit.updated events after the call
		}{
			{"the update fails: nothing is stored", unit.ID, boom, boom, "Sở Nội vụ", 0},
			{"nothing to change: nothing written, no error", unit.ID, app.ErrNoChange, nil, "Sở Nội vụ", 0},
			{"the update succeeds: row and event", unit.ID, nil, nil, "Sở Nội vụ tỉnh", 1},
			{"unknown unit", "nope", nil, domain.ErrNotFound, "Sở Nội vụ tỉnh", 1},
		}
		for _, tt := range tests {
			err := e.Store.UpdateUnit(ctx, tt.id, func(ctx context.Context, w app.Writes, u *domain.Unit) error {
				u.Name = "Sở Nội vụ tỉnh"
				ev, err := envelope.New(ctx, "/test", events.UnitUpdated, u.ID, &eventsv1.UnitUpdated{UnitId: u.ID, Name: u.Name})
				if err != nil {
					return err
				}
				if err := w.Emit(ctx, ev); err != nil {
					return err
				}
				return tt.result
			})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("%s: error %v, want %v", tt.name, err, tt.wantErr)
			}
			got, err := e.Store.Unit(ctx, unit.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tt.wantName {
				t.Errorf("%s: name %q, want %q", tt.name, got.Name, tt.wantName)
			}
			if n := len(e.Events(t, events.UnitUpdated)); n != tt.events {
				t.Errorf("%s: %d unit.updated events, want %d", tt.name, n, tt.events)
			}
		}
	})
}
