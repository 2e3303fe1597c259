package app_test

import (
	"context"
	"slices"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

// TestAgencyClient: a client created for one agency carries it in its
// token and reads only that agency's people (issue 14: a client read every
// user with e-mail).
func TestAgencyClient(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		admin := e.Admin(t)
		o := seed(t, e, admin)
		staff := mustUser(t, e, admin, domain.UserInput{Username: "stttt.cv", FullName: "Phạm Văn Sở", Email: "so@khanhhoa.gov.vn",
			UnitID: o.dept.ID, Roles: []string{"specialist"}, Password: password})

		for _, tt := range []struct{ name, agency string }{{"unknown unit", "no-such-unit"}, {"a division", o.office.ID}} {
			_, err := e.App.CreateClient(admin, domain.ClientInput{Name: "Cổng", Scopes: []string{"users:read"}, AgencyID: tt.agency})
			wantKind(t, err, apperr.ErrInvalid, "")
		}
		c, err := e.App.CreateClient(admin, domain.ClientInput{Name: "Cổng của Sở", Scopes: []string{"users:read"}, AgencyID: o.dept.ID})
		if err != nil {
			t.Fatal(err)
		}
		evs := e.Events(t, "client.created")
		if len(evs) != 1 {
			t.Fatalf("%d client.created events", len(evs))
		}
		if m := evs[0].Payload.(*eventsv1.ClientCreated); m.GetClientId() != c.Client.ID || m.GetAgencyId() != o.dept.ID ||
			!slices.Equal(m.GetScopes(), []string{"users:read"}) || !m.GetActive() {
			t.Fatalf("client.created = %v", m)
		}
		p := clientPrincipal(t, e, c)
		if p.AgencyID != o.dept.ID {
			t.Fatalf("agency claim = %q, want %q", p.AgencyID, o.dept.ID)
		}
		as := testenv.AsPrincipal(p)
		l, err := e.App.Users(as, app.UserFilter{}, app.Page{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Items) != 1 || l.Items[0].ID != staff.ID {
			t.Fatalf("the agency client listed %d users, want only the Sở's one", len(l.Items))
		}
		_, err = e.App.User(as, o.leader.ID) // a user of another agency
		wantKind(t, err, apperr.ErrNotFound, "")
		if _, err := e.App.User(as, staff.ID); err != nil {
			t.Fatal(err)
		}
	})
}

// TestClientChanges: an administrator narrows a client's scopes and
// deactivates it; each change is published, and a deactivated client gets
// no token.
func TestClientChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		admin := e.Admin(t)
		o := seed(t, e, admin)
		c, err := e.App.CreateClient(admin, domain.ClientInput{Name: "Cổng", Scopes: []string{"tasks:read", "webhooks:write"}})
		if err != nil {
			t.Fatal(err)
		}
		narrow := []string{"webhooks:write"}
		_, err = e.App.UpdateClient(testenv.As(o.leader), c.Client.ID, domain.ClientPatch{Scopes: &narrow})
		wantKind(t, err, apperr.ErrForbidden, "")
		bad := []string{"root"}
		_, err = e.App.UpdateClient(admin, c.Client.ID, domain.ClientPatch{Scopes: &bad})
		wantKind(t, err, apperr.ErrInvalid, "")
		_, err = e.App.UpdateClient(admin, "no-such-client", domain.ClientPatch{Scopes: &narrow})
		wantKind(t, err, apperr.ErrNotFound, "")

		got, err := e.App.UpdateClient(admin, c.Client.ID, domain.ClientPatch{Scopes: &narrow})
		if err != nil || !slices.Equal(got.Scopes, narrow) {
			t.Fatalf("update = %+v, %v", got, err)
		}
		if p := clientPrincipal(t, e, c); !slices.Equal(p.Scopes, narrow) {
			t.Fatalf("token scopes after the change = %v", p.Scopes)
		}
		if _, err := e.App.DeactivateClient(admin, c.Client.ID); err != nil {
			t.Fatal(err)
		}
		_, err = e.App.DeactivateClient(admin, c.Client.ID)
		wantKind(t, err, apperr.ErrConflict, "")
		_, err = e.App.Token(context.Background(), app.TokenRequest{GrantType: "client_credentials",
			ClientID: c.Client.ID, ClientSecret: c.Secret, ClientAddr: "10.9.9.8"})
		wantKind(t, err, apperr.ErrUnauthorized, "invalid_client")

		upd := e.Events(t, "client.updated")
		if len(upd) != 2 {
			t.Fatalf("%d client.updated events, want 2", len(upd))
		}
		last := upd[1].Payload.(*eventsv1.ClientUpdated)
		if last.GetActive() || !slices.Equal(last.GetScopes(), narrow) || upd[1].Key != c.Client.ID {
			t.Fatalf("last client.updated = %v", last)
		}
		if d := e.Events(t, "client.deactivated"); len(d) != 1 || d[0].Payload.(*eventsv1.ClientDeactivated).GetClientId() != c.Client.ID {
			t.Fatalf("client.deactivated = %v", d)
		}
	})
}

func clientPrincipal(t *testing.T, e *testenv.Env, c app.NewClient) auth.Principal {
	t.Helper()
	tok, err := e.App.Token(context.Background(), app.TokenRequest{GrantType: "client_credentials",
		ClientID: c.Client.ID, ClientSecret: c.Secret, ClientAddr: "10.9.9.7"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := e.Verifier(t).Verify(context.Background(), tok.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAnnounceClients: clients registered before client events existed
// are published once at start (notifications' directory would otherwise
// never learn them and their webhooks would get nothing); clients created
// since are published at creation and not again.
func TestAnnounceClients(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		admin := e.Admin(t)
		old, err := e.App.CreateClient(admin, domain.ClientInput{Name: "Cổng cũ", Scopes: []string{"units:read", "webhooks:write"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.App.CreateClient(admin, domain.ClientInput{Name: "Cổng mới", Scopes: []string{"tasks:read"}}); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if n, err := e.App.AnnounceClients(ctx); err != nil || n != 0 {
			t.Fatalf("announce after creation = %d, %v; want 0: creation publishes", n, err)
		}
		// As the migration leaves a client stored before client events.
		e.Exec(t, `UPDATE clients SET announced = FALSE WHERE id = $1`, old.Client.ID)
		if n, err := e.App.AnnounceClients(ctx); err != nil || n != 1 {
			t.Fatalf("announce = %d, %v; want 1", n, err)
		}
		if n, err := e.App.AnnounceClients(ctx); err != nil || n != 0 {
			t.Fatalf("second announce = %d, %v; want 0", n, err)
		}
		upd := e.Events(t, "client.updated")
		if len(upd) != 1 || upd[0].Key != old.Client.ID {
			t.Fatalf("client.updated events = %+v, want one for %s", upd, old.Client.ID)
		}
		got := upd[0].Payload.(*eventsv1.ClientUpdated)
		if !got.GetActive() || !slices.Equal(got.GetScopes(), []string{"units:read", "webhooks:write"}) || got.GetName() != "Cổng cũ" {
			t.Fatalf("announced %v", got)
		}
	})
}
