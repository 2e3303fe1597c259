package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

func TestClientCredentials(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		admin := e.Admin(t)
		o := seed(t, e, admin)
		bad := []struct {
			name string
			in   domain.ClientInput
		}{
			{"unknown scope", domain.ClientInput{Name: "Cổng dịch vụ công", Scopes: []string{"events:read", "root"}}},
			{"no scopes", domain.ClientInput{Name: "Cổng dịch vụ công"}},
			{"no name", domain.ClientInput{Scopes: []string{"events:read"}}},
		}
		for _, tt := range bad {
			_, err := e.App.CreateClient(admin, tt.in)
			wantKind(t, err, apperr.ErrInvalid, "")
		}
		_, err := e.App.CreateClient(testenv.As(o.leader), domain.ClientInput{Name: "x", Scopes: []string{"events:read"}})
		wantKind(t, err, apperr.ErrForbidden, "")
		if n := e.Count(t, "clients"); n != 0 {
			t.Fatalf("%d clients after refusals", n)
		}

		c, err := e.App.CreateClient(admin, domain.ClientInput{Name: " Cổng dịch vụ công ", Scopes: []string{"webhooks:write", "events:read", "events:read"}})
		if err != nil {
			t.Fatal(err)
		}
		if c.Client.Name != "Cổng dịch vụ công" || !slices.Equal(c.Client.Scopes, []string{"events:read", "webhooks:write"}) || len(c.Secret) < 40 {
			t.Fatalf("client = %+v", c.Client)
		}
		var stored string
		if err := db.QueryRowContext(context.Background(), `SELECT secret_hash FROM clients WHERE id = $1`, c.Client.ID).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored == c.Secret || strings.Contains(stored, c.Secret) {
			t.Fatal("the secret is stored as is")
		}

		grant := func(id, secret, scope string) (app.Token, error) {
			return e.App.Token(context.Background(), app.TokenRequest{GrantType: "client_credentials", ClientID: id, ClientSecret: secret, Scope: scope, ClientAddr: "10.9.9.9"})
		}
		tok, err := grant(c.Client.ID, c.Secret, "")
		if err != nil {
			t.Fatal(err)
		}
		if tok.RefreshToken != "" || tok.TokenType != "Bearer" {
			t.Fatalf("machine token = %+v", tok)
		}
		p, err := e.Verifier(t).Verify(context.Background(), tok.AccessToken)
		if err != nil {
			t.Fatal(err)
		}
		if p.ClientID != c.Client.ID || p.Subject != c.Client.ID || p.UnitID != "" || p.AgencyID != "" || len(p.Roles) != 0 ||
			!slices.Equal(p.Scopes, []string{"events:read", "webhooks:write"}) || !p.IsClient() {
			t.Fatalf("machine principal = %+v", p)
		}
		tok, err = grant(c.Client.ID, c.Secret, "events:read")
		if err != nil {
			t.Fatal(err)
		}
		if p, _ := e.Verifier(t).Verify(context.Background(), tok.AccessToken); !slices.Equal(p.Scopes, []string{"events:read"}) {
			t.Fatalf("narrowed scopes = %v", p.Scopes)
		}
		refused := []struct {
			name, id, secret, scope string
			kind                    error
			code                    string
		}{
			{"wrong secret", c.Client.ID, c.Secret + "x", "", apperr.ErrUnauthorized, "invalid_client"},
			{"unknown client", "nope", c.Secret, "", apperr.ErrUnauthorized, "invalid_client"},
			{"no secret", c.Client.ID, "", "", apperr.ErrUnauthorized, "invalid_client"},
			{"scope not granted", c.Client.ID, c.Secret, "documents:read", apperr.ErrInvalid, app.CodeInvalidScope},
		}
		for _, tt := range refused {
			_, err := grant(tt.id, tt.secret, tt.scope)
			wantKind(t, err, tt.kind, tt.code)
		}
		// A machine caller is no administrator and has no password.
		machine := testenv.AsPrincipal(p)
		_, err = e.App.CreateUnit(machine, domain.UnitInput{Name: "X", ShortName: "X"})
		wantKind(t, err, apperr.ErrForbidden, "")
		wantKind(t, e.App.ChangePassword(machine, "a-password-1", "another-password-2"), apperr.ErrForbidden, "")
	})
}
