package app_test

import (
	"context"
	"slices"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

func ptr[T any](v T) *T { return &v }

func TestUpdateUnit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		admin := e.Admin(t)
		o := seed(t, e, admin)
		other := mustUnit(t, e, admin, domain.UnitInput{Kind: "division", Name: "Phòng Tổ chức", ShortName: "TC", ParentID: o.province.ID})
		tests := []struct {
			name   string
			id     string
			patch  domain.UnitPatch
			kind   error
			fields []string
		}{
			{"empty name", o.office.ID, domain.UnitPatch{Name: ptr(" ")}, apperr.ErrInvalid, []string{"name"}},
			{"bad code", o.office.ID, domain.UnitPatch{Code: ptr("12.34")}, apperr.ErrInvalid, []string{"code"}},
			{"short name with slash", o.office.ID, domain.UnitPatch{ShortName: ptr("V/P")}, apperr.ErrInvalid, []string{"short_name"}},
			{"sibling's short name", other.ID, domain.UnitPatch{ShortName: ptr("VP")}, apperr.ErrConflict, []string{"short_name"}},
			{"another unit's code", o.dept.ID, domain.UnitPatch{Code: ptr("000.00.00.H37")}, apperr.ErrConflict, []string{"code"}},
			{"unknown unit", "nope", domain.UnitPatch{Name: ptr("X")}, apperr.ErrNotFound, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := e.App.UpdateUnit(admin, tt.id, tt.patch)
				wantKind(t, err, tt.kind, "")
				if tt.fields != nil && !slices.Equal(fields(err), tt.fields) {
					t.Fatalf("fields = %v, want %v", fields(err), tt.fields)
				}
			})
		}
		if n := len(e.Events(t, events.UnitUpdated)); n != 0 {
			t.Fatalf("refused updates emitted %d events", n)
		}
		u, err := e.App.UpdateUnit(admin, o.dept.ID, domain.UnitPatch{Name: ptr("Sở TT&TT"), Code: ptr("000.00.31.H37")})
		if err != nil || u.Name != "Sở TT&TT" || u.Code != "000.00.31.H37" || u.ShortName != "STTTT" || u.AgencyID != o.dept.ID {
			t.Fatalf("update = %+v, %v", u, err)
		}
		// The same patch again changes nothing and emits nothing.
		if _, err := e.App.UpdateUnit(admin, o.dept.ID, domain.UnitPatch{Name: ptr("Sở TT&TT")}); err != nil {
			t.Fatal(err)
		}
		evs := e.Events(t, events.UnitUpdated)
		if len(evs) != 1 {
			t.Fatalf("%d unit.updated events, want 1", len(evs))
		}
		p := evs[0].Payload.(*eventsv1.UnitUpdated)
		if p.UnitId != u.ID || p.Name != u.Name || p.ParentId != o.province.ID || p.Kind != "agency" || p.ShortName != "STTTT" || !p.Active || evs[0].Key != u.ID {
			t.Fatalf("event = %+v", p)
		}
		got, up, err := e.App.UnitWithAncestors(testenv.As(o.clerk), o.office.ID)
		if err != nil || got.ID != o.office.ID || len(up) != 1 || up[0].ID != o.province.ID {
			t.Fatalf("ancestors of the office = %v, %v", up, err)
		}
		_, err = e.App.UpdateUnit(testenv.As(o.leader), o.dept.ID, domain.UnitPatch{Name: ptr("X")})
		wantKind(t, err, apperr.ErrForbidden, "")
	})
}

func TestDeactivateUnit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		admin := e.Admin(t)
		o := seed(t, e, admin)
		empty := mustUnit(t, e, admin, domain.UnitInput{Kind: "division", Name: "Phòng trống", ShortName: "PT", ParentID: o.dept.ID})

		// The province has children, the office an active clerk.
		for _, id := range []string{o.province.ID, o.office.ID} {
			_, err := e.App.DeactivateUnit(admin, id)
			wantKind(t, err, apperr.ErrConflict, "")
		}
		if _, err := e.App.DeactivateUnit(testenv.As(o.leader), empty.ID); err == nil {
			t.Fatal("a leader deactivated a unit")
		}
		u, err := e.App.DeactivateUnit(admin, empty.ID)
		if err != nil || u.Active {
			t.Fatalf("deactivate = %+v, %v", u, err)
		}
		_, err = e.App.DeactivateUnit(admin, empty.ID)
		wantKind(t, err, apperr.ErrConflict, "")
		// Its short name is free again under the same parent.
		mustUnit(t, e, admin, domain.UnitInput{Kind: "division", Name: "Phòng mới", ShortName: "PT", ParentID: o.dept.ID})
		// The office empties once its clerk is deactivated.
		if _, err := e.App.DeactivateUser(admin, o.clerk.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.App.DeactivateUnit(admin, o.office.ID); err != nil {
			t.Fatalf("office without active users: %v", err)
		}
		evs := e.Events(t, events.UnitUpdated)
		if len(evs) != 2 || evs[0].Payload.(*eventsv1.UnitUpdated).Active {
			t.Fatalf("unit.updated events = %+v", evs)
		}
	})
}

func TestUpdateAndDeactivateUser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		admin := e.Admin(t)
		o := seed(t, e, admin)
		tests := []struct {
			name   string
			patch  domain.UserPatch
			kind   error
			fields []string
		}{
			{"unknown role", domain.UserPatch{Roles: &[]string{"boss"}}, apperr.ErrInvalid, []string{"roles"}},
			{"no roles", domain.UserPatch{Roles: &[]string{}}, apperr.ErrInvalid, []string{"roles"}},
			{"empty name", domain.UserPatch{FullName: ptr("")}, apperr.ErrInvalid, []string{"full_name"}},
			{"bad email", domain.UserPatch{Email: ptr("x@")}, apperr.ErrInvalid, []string{"email"}},
			{"unknown unit", domain.UserPatch{UnitID: ptr("nope")}, apperr.ErrInvalid, []string{"unit_id"}},
			{"leader without unit", domain.UserPatch{UnitID: ptr("")}, apperr.ErrInvalid, []string{"unit_id"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := e.App.UpdateUser(admin, o.leader.ID, tt.patch)
				wantKind(t, err, tt.kind, "")
				if !slices.Equal(fields(err), tt.fields) {
					t.Fatalf("fields = %v, want %v", fields(err), tt.fields)
				}
			})
		}
		u, err := e.App.UpdateUser(admin, o.leader.ID, domain.UserPatch{UnitID: ptr(o.dept.ID), Roles: &[]string{"specialist", "leader"}, Title: ptr("Giám đốc")})
		if err != nil || u.UnitID != o.dept.ID || u.AgencyID != o.dept.ID || !slices.Equal(u.Roles, []string{"leader", "specialist"}) || u.Title != "Giám đốc" {
			t.Fatalf("update = %+v, %v", u, err)
		}
		if _, err := e.App.UpdateUser(admin, o.leader.ID, domain.UserPatch{Title: ptr("Giám đốc")}); err != nil {
			t.Fatal(err)
		}
		evs := e.Events(t, events.UserUpdated)
		if len(evs) != 1 {
			t.Fatalf("%d user.updated, want 1 (an unchanged patch emits nothing)", len(evs))
		}
		if p := evs[0].Payload.(*eventsv1.UserUpdated); p.UnitId != o.dept.ID || p.AgencyId != o.dept.ID || p.Email != o.leader.Email ||
			p.FullName != o.leader.FullName || !slices.Equal(p.Roles, u.Roles) || !p.Active || p.Title != "Giám đốc" {
			t.Fatalf("user.updated = %+v", p)
		}
		// The refresh after the change carries the new unit and roles.
		tok := login(t, e, "leader.ubnd", password)
		if p, err := e.Verifier(t).Verify(context.Background(), tok.AccessToken); err != nil || p.UnitID != o.dept.ID || !p.HasRole("specialist") {
			t.Fatalf("token after update: %+v, %v", p, err)
		}

		// Deactivation stops login and refresh at once.
		if _, err := e.App.DeactivateUser(admin, o.leader.ID); err != nil {
			t.Fatal(err)
		}
		wantKind(t, attempt(e.App, "leader.ubnd", password, "10.0.0.1"), apperr.ErrInvalid, app.CodeInvalidGrant)
		_, err = refresh(e, tok.RefreshToken)
		wantKind(t, err, apperr.ErrInvalid, app.CodeInvalidGrant)
		d := e.Events(t, events.UserDeactivated)
		if len(d) != 1 || d[0].Payload.(*eventsv1.UserDeactivated).UserId != o.leader.ID || d[0].Payload.(*eventsv1.UserDeactivated).UnitId != o.dept.ID {
			t.Fatalf("user.deactivated = %+v", d)
		}
		_, err = e.App.DeactivateUser(admin, o.leader.ID)
		wantKind(t, err, apperr.ErrConflict, "")
		_, err = e.App.UpdateUser(admin, o.leader.ID, domain.UserPatch{Title: ptr("X")})
		wantKind(t, err, apperr.ErrConflict, "")

		// An administrator cannot lock themselves out.
		me, _ := e.App.Me(admin)
		_, err = e.App.DeactivateUser(admin, me.ID)
		wantKind(t, err, apperr.ErrConflict, "")
		_, err = e.App.UpdateUser(admin, me.ID, domain.UserPatch{Roles: &[]string{"leader"}})
		wantKind(t, err, apperr.ErrConflict, "")
		_, err = e.App.DeactivateUser(testenv.As(o.clerk), o.clerk.ID)
		wantKind(t, err, apperr.ErrForbidden, "")
	})
}

func TestChangePassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		o := seed(t, e, e.Admin(t))
		tok := login(t, e, "clerk.vp", password)
		me := testenv.As(o.clerk)
		const next = "một mật khẩu mới"
		tests := []struct {
			name, old, new string
			field          string
		}{
			{"wrong old", "wrong-password", next, "old_password"},
			{"missing old", "", next, "old_password"},
			{"too short", password, "short", "new_password"},
			{"holds the username", password, "xx-clerk.vp-xx", "new_password"},
			{"unchanged", password, password, "new_password"},
		}
		for _, tt := range tests {
			err := e.App.ChangePassword(me, tt.old, tt.new)
			wantKind(t, err, apperr.ErrInvalid, "")
			if !slices.Equal(fields(err), []string{tt.field}) {
				t.Fatalf("%s: fields = %v", tt.name, fields(err))
			}
		}
		if _, err := refresh(e, tok.RefreshToken); err != nil {
			t.Fatalf("a refused change revoked tokens: %v", err)
		}
		tok = login(t, e, "clerk.vp", password)
		if err := e.App.ChangePassword(me, password, next); err != nil {
			t.Fatal(err)
		}
		_, err := refresh(e, tok.RefreshToken)
		wantKind(t, err, apperr.ErrInvalid, app.CodeInvalidGrant)
		wantKind(t, attempt(e.App, "clerk.vp", password, "10.0.0.2"), apperr.ErrInvalid, app.CodeInvalidGrant)
		login(t, e, "clerk.vp", next)
	})
}
