package consumer_test

import (
	"context"
	"slices"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// countingLookups is the store bound to the consumer's transaction,
// counting the directory lookups that find the agencies an event concerns.
type countingLookups struct {
	app.DeliveryStore
	lookups int
}

func (c *countingLookups) AgencyOfUnit(ctx context.Context, id string) (string, error) {
	c.lookups++
	return c.DeliveryStore.AgencyOfUnit(ctx, id)
}

func (c *countingLookups) AgencyOfPerson(ctx context.Context, id string) (string, error) {
	c.lookups++
	return c.DeliveryStore.AgencyOfPerson(ctx, id)
}

// TestOweLooksUpAnEventsFactsOnce: an event subscribed to by several
// clients' webhooks has the agencies it concerns looked up once, not once
// per webhook, and each webhook is still owed exactly what its owner may
// receive.
func TestOweLooksUpAnEventsFactsOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		s := f.store
		for _, id := range []string{"ubnd", "stttt", "syt"} {
			f.unit(id, "", id)
		}
		hooks := []struct{ id, owner, agency string }{
			{"admin", "", ""},
			{"stttt-a", "c-stttt-a", "stttt"},
			{"stttt-b", "c-stttt-b", "stttt"},
			{"ubnd", "c-ubnd", "ubnd"},
			{"syt", "c-syt", "syt"},
			{"anywhere", "c-any", ""},
		}
		for _, h := range hooks {
			kind, owner := domain.OwnerClient, h.owner
			if h.owner == "" {
				kind, owner = domain.OwnerUser, "admin-user"
			} else if err := s.AddClientIfUnknown(ctx, domain.Client{ID: h.owner, Scopes: auth.Scopes, AgencyID: h.agency, Active: true}); err != nil {
				t.Fatal(err)
			}
			if err := s.SetWebhookOwner(ctx, h.id, kind); err != nil {
				t.Fatal(err)
			}
			if err := s.AddWebhook(ctx, domain.Webhook{ID: h.id, OwnerID: owner, URL: "https://hooks.example.vn/" + h.id,
				EventTypes: []string{events.TaskAssigned}, Secret: "0123456789abcdef", CreatedAt: now}); err != nil {
				t.Fatal(err)
			}
		}
		// Three ids to look up: two units and a person the directory does
		// not know (which concerns no agency).
		ev, err := envelope.New(ctx, "/eoffice/test", events.TaskAssigned, "t1", &eventsv1.TaskAssigned{
			TaskId: "t1", AssignerUnitId: "ubnd", AssigneeUnitId: "stttt", AssignerUserId: "p-unknown"})
		if err != nil {
			t.Fatal(err)
		}
		// As the consumer runs it, in the transaction that handles the event.
		var counted *countingLookups
		err = db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
			counted = &countingLookups{DeliveryStore: s.InTx(tx)}
			return app.NewDeliveries(nil).Owe(ctx, counted, events.TaskAssigned, ev)
		})
		if err != nil {
			t.Fatal(err)
		}
		if counted.lookups != 3 {
			t.Errorf("%d directory lookups for one event and %d webhooks, want 3", counted.lookups, len(hooks))
		}
		var owed []string
		for _, h := range hooks {
			ds, _, err := s.Deliveries(ctx, h.id, nil, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) > 0 {
				owed = append(owed, h.id)
			}
		}
		if want := []string{"admin", "stttt-a", "stttt-b", "ubnd", "anywhere"}; !slices.Equal(owed, want) {
			t.Fatalf("owed to %v, want %v", owed, want)
		}
	})
}
