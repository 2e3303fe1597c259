package domain

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

func TestNewAuthorisation(t *testing.T) {
	now := time.Date(2026, 3, 4, 20, 0, 0, 0, time.UTC) // 5 March in Viet Nam
	head := Actor{UserID: "ct", Name: "Trần Văn Chủ", UnitID: "A", AgencyID: "A", Roles: []string{RoleLeader}}
	deputy := head
	grantee := Person{UserID: "g", FullName: "Phạm Minh D"}
	ok := AuthorisationInput{GranteeID: "g", From: "2026-03-05", To: "2026-03-10", Kinds: []string{"decision"}, Scope: ScopeSign}
	with := func(f func(*AuthorisationInput)) AuthorisationInput { in := ok; f(&in); return in }
	tests := []struct {
		name      string
		a         Actor
		pos       Position
		in        AuthorisationInput
		agency    string
		wantKind  error
		wantField string
	}{
		{"a head grants", head, "", ok, "A", nil, ""},
		{"inbox needs no kinds", head, PositionHead, with(func(in *AuthorisationInput) { in.Scope, in.Kinds = ScopeInbox, nil }), "A", nil, ""},
		{"a deputy does not grant", deputy, PositionDeputy, ok, "A", apperr.ErrForbidden, ""},
		{"grantee of another agency", head, "", ok, "B", apperr.ErrInvalid, "grantee_id"},
		{"to before from", head, "", with(func(in *AuthorisationInput) { in.To = "2026-03-04" }), "A", apperr.ErrInvalid, "to"},
		{"already over", head, "", with(func(in *AuthorisationInput) { in.From, in.To = "2026-03-01", "2026-03-04" }), "A", apperr.ErrInvalid, "to"},
		{"ends today", head, "", with(func(in *AuthorisationInput) { in.From, in.To = "2026-03-01", "2026-03-05" }), "A", nil, ""},
		{"not a date", head, "", with(func(in *AuthorisationInput) { in.From = "2026-02-30" }), "A", apperr.ErrInvalid, "from"},
		{"unknown kind", head, "", with(func(in *AuthorisationInput) { in.Kinds = []string{"memo"} }), "A", apperr.ErrInvalid, "kinds"},
		{"signing needs kinds", head, "", with(func(in *AuthorisationInput) { in.Kinds = nil }), "A", apperr.ErrInvalid, "kinds"},
		{"unknown scope", head, "", with(func(in *AuthorisationInput) { in.Scope = "all" }), "A", apperr.ErrInvalid, "scope"},
		{"note too long", head, "", with(func(in *AuthorisationInput) { in.Note = strings.Repeat("x", 2001) }), "A", apperr.ErrInvalid, "note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := grantee
			au, err := NewAuthorisation("au", tt.a, PersonFacts{Position: tt.pos}, tt.in, g, tt.agency, now)
			if tt.wantKind == nil {
				if err != nil || au.Grantor.UserID != "ct" || au.Grantee != g || au.AgencyID != "A" {
					t.Fatalf("got %+v, %v", au, err)
				}
				return
			}
			if !errors.Is(err, tt.wantKind) {
				t.Fatalf("err = %v, want %v", err, tt.wantKind)
			}
			if e, _ := apperr.As(err); tt.wantField != "" && (len(e.Fields) == 0 || e.Fields[0].Field != tt.wantField) {
				t.Fatalf("fields = %+v, want %s", e.Fields, tt.wantField)
			}
		})
	}
	if _, err := NewAuthorisation("au", head, PersonFacts{}, with(func(in *AuthorisationInput) { in.GranteeID = "ct" }),
		Person{UserID: "ct"}, "A", now); !errors.Is(err, apperr.ErrInvalid) {
		t.Fatalf("self-authorisation: %v", err)
	}
}

func TestRevokeAuthorisation(t *testing.T) {
	au := Authorisation{ID: "au", AgencyID: "A", Grantor: Person{UserID: "ct"}, Grantee: Person{UserID: "g"},
		From: "2026-03-01", To: "2026-03-10", Kinds: []Kind{KindDecision}, Scope: ScopeSign}
	admin := Actor{UserID: "adm", AgencyID: "A", Roles: []string{RoleAdmin}}
	tests := []struct {
		name string
		a    Actor
		want error
	}{
		{"a stranger", Actor{UserID: "x", AgencyID: "A"}, apperr.ErrNotFound},
		{"the grantee", Actor{UserID: "g", AgencyID: "A"}, apperr.ErrForbidden},
		{"the agency's admin", admin, apperr.ErrForbidden},
		{"the grantor", Actor{UserID: "ct", AgencyID: "A"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := au
			err := x.Revoke(tt.a, testNow)
			if tt.want == nil {
				if err != nil || x.RevokedAt == nil || x.InForce("2026-03-05") {
					t.Fatalf("err %v, %+v", err, x)
				}
				if err := x.Revoke(tt.a, testNow); !errors.Is(err, apperr.ErrConflict) {
					t.Fatalf("second revoke: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.want) || x.RevokedAt != nil {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}
