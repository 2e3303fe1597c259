package authtest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/auth"
)

func TestIssuedTokensVerify(t *testing.T) {
	iss := NewIssuer(t)
	other := NewIssuer(t)
	p := auth.Principal{Subject: "u1", UnitID: "unit", AgencyID: "agency", Roles: []string{auth.RoleLeader}, Name: "Trần Thị Bình"}
	tests := []struct {
		name    string
		token   string
		wantErr bool
	}{
		{"own token", iss.Token(p), false},
		{"expired", iss.TokenWithExpiry(p, time.Now().Add(-time.Hour)), true},
		{"other issuer's key", other.Token(p), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := iss.Verifier().Verify(context.Background(), tt.token)
			if tt.wantErr {
				if !errors.Is(err, auth.ErrUnauthorized) {
					t.Fatalf("err = %v, want ErrUnauthorized", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Subject != "u1" || got.UnitID != "unit" || got.AgencyID != "agency" || !got.HasRole(auth.RoleLeader) || got.Token != tt.token {
				t.Fatalf("principal %+v", got)
			}
		})
	}
}
