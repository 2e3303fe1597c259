package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"

	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
	"github.com/eoffice-vn/eoffice/services/identity/internal/testenv"
)

// TestAgencyFacts: an administrator sets an agency's place name, regime,
// head title and collective name on creation and by patch; they are
// stored, checked, and carried by unit.created and unit.updated.
func TestAgencyFacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		admin := e.Admin(t)
		o := seed(t, e, admin)
		long := strings.Repeat("x", 101)
		refused := []struct {
			name   string
			in     domain.UnitInput
			fields []string
		}{
			{"unknown regime", domain.UnitInput{Name: "X", ShortName: "X", Regime: "council"}, []string{"regime"}},
			{"long place name", domain.UnitInput{Name: "X", ShortName: "X", PlaceName: long}, []string{"place_name"}},
			{"long head title", domain.UnitInput{Name: "X", ShortName: "X", HeadTitle: long}, []string{"head_title"}},
			{"long collective name", domain.UnitInput{Name: "X", ShortName: "X", CollectiveName: strings.Repeat("x", 256)}, []string{"collective_name"}},
			{"a division's place name", domain.UnitInput{Kind: "division", Name: "X", ShortName: "X", ParentID: o.dept.ID, PlaceName: "Nha Trang"}, []string{"place_name"}},
			{"a division's regime", domain.UnitInput{Kind: "division", Name: "X", ShortName: "X", ParentID: o.dept.ID, Regime: "head_led"}, []string{"regime"}},
		}
		for _, tt := range refused {
			t.Run(tt.name, func(t *testing.T) {
				_, err := e.App.CreateUnit(admin, tt.in)
				wantKind(t, err, apperr.ErrInvalid, "")
				if !slices.Equal(fields(err), tt.fields) {
					t.Fatalf("fields = %v, want %v", fields(err), tt.fields)
				}
			})
		}
		created := len(e.Events(t, events.UnitCreated))
		u := mustUnit(t, e, admin, domain.UnitInput{Name: "Ủy ban nhân dân thành phố Nha Trang", ShortName: "UBNDNT",
			PlaceName: " Nha Trang ", Regime: "collective", HeadTitle: "Chủ tịch", CollectiveName: "Ủy ban nhân dân"})
		want := domain.AgencyFacts{PlaceName: "Nha Trang", Regime: domain.RegimeCollective, HeadTitle: "Chủ tịch", CollectiveName: "Ủy ban nhân dân"}
		if u.AgencyFacts != want {
			t.Fatalf("created facts = %+v, want %+v", u.AgencyFacts, want)
		}
		if got, err := e.Store.Unit(context.Background(), u.ID); err != nil || got != u {
			t.Fatalf("stored %+v, %v; returned %+v", got, err, u)
		}
		evs := e.Events(t, events.UnitCreated)
		if len(evs) != created+1 {
			t.Fatalf("%d unit.created events, want %d", len(evs), created+1)
		}
		c := evs[len(evs)-1].Payload.(*eventsv1.UnitCreated)
		if c.UnitId != u.ID || c.PlaceName != "Nha Trang" || c.Regime != "collective" || c.HeadTitle != "Chủ tịch" || c.CollectiveName != "Ủy ban nhân dân" {
			t.Fatalf("unit.created = %+v", c)
		}

		// A patch changes only the facts it names; "" clears one.
		patches := []struct {
			name  string
			patch domain.UnitPatch
			want  domain.AgencyFacts
		}{
			{"place name", domain.UnitPatch{PlaceName: ptr("Khánh Hòa")}, domain.AgencyFacts{PlaceName: "Khánh Hòa", Regime: "collective", HeadTitle: "Chủ tịch", CollectiveName: "Ủy ban nhân dân"}},
			{"regime and head title", domain.UnitPatch{Regime: ptr("head_led"), HeadTitle: ptr("Giám đốc")}, domain.AgencyFacts{PlaceName: "Khánh Hòa", Regime: "head_led", HeadTitle: "Giám đốc", CollectiveName: "Ủy ban nhân dân"}},
			{"clear collective name and regime", domain.UnitPatch{CollectiveName: ptr(""), Regime: ptr("")}, domain.AgencyFacts{PlaceName: "Khánh Hòa", HeadTitle: "Giám đốc"}},
		}
		for i, tt := range patches {
			got, err := e.App.UpdateUnit(admin, u.ID, tt.patch)
			if err != nil || got.AgencyFacts != tt.want || got.Name != u.Name {
				t.Fatalf("%s: %+v, %v; want %+v", tt.name, got, err, tt.want)
			}
			evs := e.Events(t, events.UnitUpdated)
			if len(evs) != i+1 {
				t.Fatalf("%s: %d unit.updated events, want %d", tt.name, len(evs), i+1)
			}
			p := evs[i].Payload.(*eventsv1.UnitUpdated)
			if p.PlaceName != tt.want.PlaceName || p.Regime != string(tt.want.Regime) || p.HeadTitle != tt.want.HeadTitle || p.CollectiveName != tt.want.CollectiveName {
				t.Fatalf("%s: unit.updated = %+v", tt.name, p)
			}
		}
		// Refused patches change nothing.
		for name, c := range map[string]struct {
			id     string
			patch  domain.UnitPatch
			field  string
			reason error
		}{
			"unknown regime":          {u.ID, domain.UnitPatch{Regime: ptr("board")}, "regime", apperr.ErrInvalid},
			"long place name":         {u.ID, domain.UnitPatch{PlaceName: ptr(long)}, "place_name", apperr.ErrInvalid},
			"a division's head title": {o.office.ID, domain.UnitPatch{HeadTitle: ptr("Chánh Văn phòng")}, "head_title", apperr.ErrInvalid},
		} {
			_, err := e.App.UpdateUnit(admin, c.id, c.patch)
			wantKind(t, err, c.reason, "")
			if !slices.Equal(fields(err), []string{c.field}) {
				t.Fatalf("%s: fields = %v", name, fields(err))
			}
		}
		if n := len(e.Events(t, events.UnitUpdated)); n != len(patches) {
			t.Fatalf("refused patches emitted events: %d", n)
		}
		// Clearing a division's (absent) fact is no change.
		if _, err := e.App.UpdateUnit(admin, o.office.ID, domain.UnitPatch{PlaceName: ptr("")}); err != nil {
			t.Fatal(err)
		}
		_, err := e.App.UpdateUnit(testenv.As(o.leader), u.ID, domain.UnitPatch{PlaceName: ptr("X")})
		wantKind(t, err, apperr.ErrForbidden, "")
	})
}

// TestUserPosition: an administrator sets a person's position on creation
// and by patch; it is stored, checked and carried by user.created and
// user.updated.
func TestUserPosition(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		admin := e.Admin(t)
		o := seed(t, e, admin)
		in := domain.UserInput{Username: "pgd.so", FullName: "Nguyễn Phó", Email: "pho@khanhhoa.gov.vn",
			UnitID: o.dept.ID, Roles: []string{"leader"}, Password: password, Title: "Phó Giám đốc", Position: "vice"}
		_, err := e.App.CreateUser(admin, in)
		wantKind(t, err, apperr.ErrInvalid, "")
		if !slices.Equal(fields(err), []string{"position"}) {
			t.Fatalf("fields = %v", fields(err))
		}
		in.Position = " deputy "
		u := mustUser(t, e, admin, in)
		if u.Position != domain.PositionDeputy {
			t.Fatalf("position = %q", u.Position)
		}
		if got, err := e.Store.User(context.Background(), u.ID); err != nil || got.Position != domain.PositionDeputy {
			t.Fatalf("stored %+v, %v", got, err)
		}
		evs := e.Events(t, events.UserCreated)
		if c := evs[len(evs)-1].Payload.(*eventsv1.UserCreated); c.UserId != u.ID || c.Position != "deputy" {
			t.Fatalf("user.created = %+v", c)
		}
		for i, pos := range []domain.Position{domain.PositionActingHead, domain.PositionHead, domain.PositionOfficeHead, domain.PositionDivisionHead, ""} {
			got, err := e.App.UpdateUser(admin, u.ID, domain.UserPatch{Position: ptr(string(pos))})
			if err != nil || got.Position != pos || got.Title != "Phó Giám đốc" {
				t.Fatalf("patch to %q: %+v, %v", pos, got, err)
			}
			evs := e.Events(t, events.UserUpdated)
			if len(evs) != i+1 || evs[i].Payload.(*eventsv1.UserUpdated).Position != string(pos) {
				t.Fatalf("patch to %q: events %+v", pos, evs)
			}
		}
		_, err = e.App.UpdateUser(admin, u.ID, domain.UserPatch{Position: ptr("chairman")})
		wantKind(t, err, apperr.ErrInvalid, "")
		if !slices.Equal(fields(err), []string{"position"}) {
			t.Fatalf("fields = %v", fields(err))
		}
		// Setting the position it has is no change.
		if _, err := e.App.UpdateUser(admin, u.ID, domain.UserPatch{Position: ptr("")}); err != nil {
			t.Fatal(err)
		}
		if n := len(e.Events(t, events.UserUpdated)); n != 5 {
			t.Fatalf("%d user.updated events, want 5", n)
		}
		_, err = e.App.UpdateUser(testenv.As(o.leader), u.ID, domain.UserPatch{Position: ptr("head")})
		wantKind(t, err, apperr.ErrForbidden, "")
	})
}
