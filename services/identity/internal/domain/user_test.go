package domain

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

func TestUserInputNormalize(t *testing.T) {
	valid := UserInput{Username: "nguyen.van.a", FullName: "Nguyễn Văn A", Email: "a@khanhhoa.gov.vn",
		UnitID: "u1", Roles: []string{"leader"}, Password: "correct horse battery"}
	with := func(f func(*UserInput)) UserInput { in := valid; f(&in); return in }
	tests := []struct {
		name   string
		in     UserInput
		fields []string
	}{
		{"valid", valid, nil},
		{"admin without unit", with(func(in *UserInput) { in.UnitID = ""; in.Roles = []string{"admin"} }), nil},
		{"uppercase username", with(func(in *UserInput) { in.Username = "Nguyen" }), []string{"username"}},
		{"short username", with(func(in *UserInput) { in.Username = "ab" }), []string{"username"}},
		{"username with space", with(func(in *UserInput) { in.Username = "a b c" }), []string{"username"}},
		{"missing full name", with(func(in *UserInput) { in.FullName = " " }), []string{"full_name"}},
		{"missing email", with(func(in *UserInput) { in.Email = "" }), []string{"email"}},
		{"bad email", with(func(in *UserInput) { in.Email = "not an address" }), []string{"email"}},
		{"email with display name", with(func(in *UserInput) { in.Email = "A <a@example.vn>" }), []string{"email"}},
		{"no roles", with(func(in *UserInput) { in.Roles = nil }), []string{"roles"}},
		{"unknown role", with(func(in *UserInput) { in.Roles = []string{"leader", "boss"} }), []string{"roles"}},
		{"leader needs a unit", with(func(in *UserInput) { in.UnitID = "" }), []string{"unit_id"}},
		{"short password", with(func(in *UserInput) { in.Password = "short" }), []string{"password"}},
		{"password holds username", with(func(in *UserInput) { in.Password = "xxNGUYEN.VAN.Axx" }), []string{"password"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.in.Normalize()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				if got.Password != tt.in.Password {
					t.Fatal("password changed by Normalize")
				}
				return
			}
			if !errors.Is(err, apperr.ErrInvalid) {
				t.Fatalf("err = %v, want invalid", err)
			}
			if f := fieldsOf(t, err); !equal(f, tt.fields) {
				t.Fatalf("fields = %v, want %v", f, tt.fields)
			}
			if e, _ := apperr.As(err); slices.ContainsFunc(e.Fields, func(f apperr.FieldError) bool {
				return len(tt.in.Password) > 3 && strings.Contains(f.Message, tt.in.Password)
			}) {
				t.Fatal("an error message repeats the password")
			}
		})
	}
}

func TestRolesCanonical(t *testing.T) {
	in := UserInput{Username: "abc", FullName: "A", Email: "a@b.vn", UnitID: "u", Roles: []string{"specialist", "leader", "specialist"}, Password: "0123456789x"}
	got, err := in.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if !equal(got.Roles, []string{"leader", "specialist"}) {
		t.Fatalf("roles = %v", got.Roles)
	}
}

func TestNewUser(t *testing.T) {
	div := Unit{ID: "d", Kind: KindDivision, AgencyID: "a", Active: true}
	in := UserInput{Username: "abc", FullName: "A", UnitID: "d", Roles: []string{"clerk"}}
	u, err := NewUser("id", in, &div, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if u.UnitID != "d" || u.AgencyID != "a" || !u.Active {
		t.Fatalf("user = %+v", u)
	}
	if _, err := NewUser("id", in, nil, time.Now()); !errors.Is(err, apperr.ErrInvalid) {
		t.Fatalf("unknown unit: err = %v", err)
	}
}
