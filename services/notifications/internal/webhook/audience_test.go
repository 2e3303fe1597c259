package webhook_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
)

// ownedByClient records webhook id as registered by client c, and c in
// the directory as identity would publish it.
func ownedByClient(t *testing.T, s *store.Store, id string, c domain.Client) {
	t.Helper()
	if err := s.SetWebhookOwner(context.Background(), id, domain.OwnerClient); err != nil {
		t.Fatal(err)
	}
	setClient(t, s, c)
}

func putUnit(ctx context.Context, tx *pkgstore.Tx, u domain.Unit, at time.Time) error {
	_, err := identityview.PutUnit(ctx, tx, identityview.Unit{ID: u.ID, ParentID: u.ParentID, Kind: u.Kind,
		AgencyID: u.AgencyID, Name: u.Name, ShortName: u.ShortName, Active: u.Active}, identityview.Version{Time: at})
	return err
}

func putClient(ctx context.Context, tx *pkgstore.Tx, c domain.Client, at time.Time) error {
	_, err := identityview.PutClient(ctx, tx, identityview.Client{ID: c.ID, Name: c.Name, Scopes: c.Scopes,
		AgencyID: c.AgencyID, Active: c.Active}, identityview.Version{Time: at})
	return err
}

// setClient applies a client.updated to the directory.
func setClient(t *testing.T, s *store.Store, c domain.Client) {
	t.Helper()
	err := s.DB().InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error { return putClient(ctx, tx, c, time.Now()) })
	if err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) clientHook(t *testing.T, id string, c domain.Client, types ...string) {
	t.Helper()
	if err := f.s.AddWebhook(context.Background(), domain.Webhook{ID: id, OwnerID: c.ID, URL: f.srv.URL + "/" + id,
		EventTypes: types, Secret: secret, CreatedAt: time.Now().UTC()}); err != nil {
		t.Fatal(err)
	}
	ownedByClient(t, f.s, id, c)
}

func (f *fixture) deliveries(t *testing.T, id string) []domain.Delivery {
	t.Helper()
	l, _, err := f.s.Deliveries(context.Background(), id, nil, 50)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// units puts the UBND, the Sở TT&TT and the Sở Y tế (three agencies) in
// the directory.
func (f *fixture) units(t *testing.T) {
	t.Helper()
	err := f.db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
		for _, id := range []string{"ubnd", "stttt", "syt"} {
			if err := putUnit(ctx, tx, domain.Unit{ID: id, Kind: "agency", AgencyID: id, Name: id, ShortName: id, Active: true}, time.Now()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestClientScopesAndAgencyDecideDeliveries reproduces the attack of
// issue 14: a client granted only webhooks:write subscribed to user.created
// and task.report_submitted and was owed every agency's. Now it is owed
// nothing, a client with the scopes gets what concerns its agency only,
// and an administrator's webhook still gets everything.
func TestClientScopesAndAgencyDecideDeliveries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		f.units(t)
		types := []string{events.UserCreated, events.TaskReportSubmitted}
		f.clientHook(t, "attacker", domain.Client{ID: "c-hooks-only", Scopes: []string{auth.ScopeWebhooksWrite}, Active: true}, types...)
		f.clientHook(t, "syt", domain.Client{ID: "c-syt", Scopes: auth.Scopes, AgencyID: "syt", Active: true}, types...)
		f.clientHook(t, "stttt", domain.Client{ID: "c-stttt", Scopes: auth.Scopes, AgencyID: "stttt", Active: true}, types...)
		f.clientHook(t, "users-only", domain.Client{ID: "c-users", Scopes: []string{auth.ScopeWebhooksWrite, auth.ScopeUsersRead}, Active: true}, types...)
		if err := f.s.AddWebhook(context.Background(), domain.Webhook{ID: "admin", OwnerID: "admin-user", URL: f.srv.URL + "/admin",
			EventTypes: types, Secret: secret, CreatedAt: time.Now().UTC()}); err != nil {
			t.Fatal(err)
		}
		if err := f.s.SetWebhookOwner(context.Background(), "admin", domain.OwnerUser); err != nil {
			t.Fatal(err)
		}
		userSTTTT := event(t, events.UserCreated, "u1", &eventsv1.UserCreated{UserId: "u1", Email: "a@x.vn", UnitId: "stttt", AgencyId: "stttt", Active: true})
		userSYT := event(t, events.UserCreated, "u2", &eventsv1.UserCreated{UserId: "u2", Email: "b@x.vn", UnitId: "syt", AgencyId: "syt", Active: true})
		report := event(t, events.TaskReportSubmitted, "t1", &eventsv1.TaskReportSubmitted{ReportId: "r1", Summary: "Đã xong",
			Task: &eventsv1.TaskRef{TaskId: "t1", AssignerUnitId: "ubnd", AssigneeUnitId: "stttt"}})
		for _, ev := range []envelope.Event{userSTTTT, userSYT, report} {
			f.consume(t, ev)
		}
		want := map[string][]string{
			"attacker":   nil,
			"syt":        {userSYT.ID},
			"stttt":      {userSTTTT.ID, report.ID},
			"users-only": {userSTTTT.ID, userSYT.ID},
			"admin":      {userSTTTT.ID, userSYT.ID, report.ID},
		}
		for hook, ids := range want {
			got := map[string]bool{}
			for _, d := range f.deliveries(t, hook) {
				got[d.EventID] = true
			}
			if len(got) != len(ids) {
				t.Errorf("webhook %s owed %d deliveries, want %d", hook, len(got), len(ids))
			}
			for _, id := range ids {
				if !got[id] {
					t.Errorf("webhook %s was not owed event %s", hook, id)
				}
			}
		}
	})
}

func event(t *testing.T, short, key string, m proto.Message) envelope.Event {
	t.Helper()
	ev, err := envelope.New(context.Background(), "/eoffice/test", short, key, m)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// TestRefusedAtAttempt: a delivery owed while the client had the scope is
// not made once the scope is withdrawn or the client deactivated; its log
// says why, and the receiver hears nothing.
func TestRefusedAtAttempt(t *testing.T) {
	for _, tt := range []struct {
		name   string
		after  domain.Client
		reason string
	}{
		{"scope withdrawn", domain.Client{ID: "c1", Scopes: []string{auth.ScopeWebhooksWrite}, Active: true}, "tasks:read"},
		{"client deactivated", domain.Client{ID: "c1", Scopes: auth.Scopes, Active: false}, "deactivated"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
				f := newFixture(t, db)
				f.units(t)
				f.clientHook(t, "w1", domain.Client{ID: "c1", Scopes: auth.Scopes, Active: true}, events.TaskAssigned)
				f.consume(t, taskEvent(t))
				if n := len(f.deliveries(t, "w1")); n != 1 {
					t.Fatalf("%d deliveries owed, want 1", n)
				}
				setClient(t, f.s, tt.after)
				run(t, webhook.NewDeliverer(f.s, f.out, webhook.Guard{AllowPrivate: true}, fast, quiet), 2)
				if len(f.recv.got) != 0 {
					t.Fatalf("the receiver got %d deliveries", len(f.recv.got))
				}
				l := f.deliveries(t, "w1")
				if len(l) != 1 || l[0].Status != domain.DeliveryRefused || len(l[0].Log) != 1 ||
					!strings.Contains(l[0].Log[0].Error, tt.reason) {
					t.Fatalf("delivery = %+v", l)
				}
			})
		})
	}
}
