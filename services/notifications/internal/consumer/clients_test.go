package consumer_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// TestClientDirectory: identity's client events keep the directory's copy
// of each client, the newest event winning whatever the order of arrival;
// a deactivation seen first is not undone by a late creation.
func TestClientDirectory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		at := func(s int) time.Time { return now.Add(time.Duration(s) * time.Second) }

		f.mustHandle(f.event(events.ClientCreated, "c1", at(0), &eventsv1.ClientCreated{
			ClientId: "c1", Name: "Cổng", Scopes: []string{"tasks:read", "webhooks:write"}, AgencyId: "stttt", Active: true}))
		f.mustHandle(f.event(events.ClientUpdated, "c1", at(2), &eventsv1.ClientUpdated{
			ClientId: "c1", Name: "Cổng", Scopes: []string{"webhooks:write"}, AgencyId: "stttt", Active: true}))
		f.mustHandle(f.event(events.ClientUpdated, "c1", at(1), &eventsv1.ClientUpdated{ // late, older
			ClientId: "c1", Name: "Cổng", Scopes: []string{"tasks:read", "users:read", "webhooks:write"}, AgencyId: "stttt", Active: true}))
		c, err := f.store.Client(ctx, db, "c1")
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(c.Scopes, []string{"webhooks:write"}) || c.AgencyID != "stttt" || !c.Active {
			t.Fatalf("client = %+v", c)
		}

		f.mustHandle(f.event(events.ClientDeactivated, "c2", at(5), &eventsv1.ClientDeactivated{ClientId: "c2"}))
		f.mustHandle(f.event(events.ClientCreated, "c2", at(0), &eventsv1.ClientCreated{
			ClientId: "c2", Scopes: []string{"tasks:read"}, Active: true}))
		if c, err := f.store.Client(ctx, db, "c2"); err != nil || c.Active {
			t.Fatalf("client deactivated before its creation arrived = %+v, %v", c, err)
		}
		if err := f.handle(f.event(events.ClientUpdated, "", at(6), &eventsv1.ClientUpdated{})); err == nil {
			t.Fatal("a client event naming no client was accepted")
		}
	})
}
