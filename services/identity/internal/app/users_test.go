package app_test

import (
	"context"
	"strings"
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

func TestCreateUser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		admin := e.Admin(t)
		o := seed(t, e, admin)
		valid := domain.UserInput{Username: "specialist.vp", FullName: "Phạm Văn C", Email: "c@khanhhoa.gov.vn",
			UnitID: o.office.ID, Roles: []string{"specialist"}, Password: "một-mật-khẩu-dài", Title: "Chuyên viên"}
		with := func(f func(*domain.UserInput)) domain.UserInput { in := valid; f(&in); return in }
		// One hash computed beforehand, as a bulk import gives it.
		hash, err := domain.NewHasher(testenv.CheapArgon2).Hash("mật-khẩu-chung-2026")
		if err != nil {
			t.Fatal(err)
		}
		hashed := func(name, h string) domain.UserInput {
			return with(func(in *domain.UserInput) { in.Username = name; in.Password = ""; in.PasswordHash = h })
		}
		tests := []struct {
			name   string
			ctx    context.Context
			in     domain.UserInput
			kind   error
			fields []string
		}{
			{"specialist of a division", admin, valid, nil, nil},
			{"second admin without unit", admin, with(func(in *domain.UserInput) { in.Username = "admin2"; in.UnitID = ""; in.Roles = []string{"admin"} }), nil, nil},
			{"not an admin", testenv.As(o.leader), with(func(in *domain.UserInput) { in.Username = "x.y.z" }), apperr.ErrForbidden, nil},
			{"username taken", admin, with(func(in *domain.UserInput) { in.Username = "leader.ubnd" }), apperr.ErrConflict, []string{"username"}},
			{"unknown unit", admin, with(func(in *domain.UserInput) { in.Username = "x.y.z"; in.UnitID = "nope" }), apperr.ErrInvalid, []string{"unit_id"}},
			{"unknown role", admin, with(func(in *domain.UserInput) { in.Username = "x.y.z"; in.Roles = []string{"boss"} }), apperr.ErrInvalid, []string{"roles"}},
			{"weak password", admin, with(func(in *domain.UserInput) { in.Username = "x.y.z"; in.Password = "123" }), apperr.ErrInvalid, []string{"password"}},
			{"password holds username", admin, with(func(in *domain.UserInput) { in.Username = "x.y.z"; in.Password = "1234-X.Y.Z-5678" }), apperr.ErrInvalid, []string{"password"}},
			{"bad email", admin, with(func(in *domain.UserInput) { in.Username = "x.y.z"; in.Email = "nope" }), apperr.ErrInvalid, []string{"email"}},
			{"leader without unit", admin, with(func(in *domain.UserInput) { in.Username = "x.y.z"; in.UnitID = "" }), apperr.ErrInvalid, []string{"unit_id"}},
			{"precomputed hash", admin, hashed("import.one", hash), nil, nil},
			{"precomputed hash, not an admin", testenv.As(o.leader), hashed("x.y.z", hash), apperr.ErrForbidden, nil},
			{"hash and password", admin, with(func(in *domain.UserInput) { in.Username = "x.y.z"; in.PasswordHash = hash }), apperr.ErrInvalid, []string{"password_hash"}},
			{"hash not PHC", admin, hashed("x.y.z", "mật-khẩu-chung-2026"), apperr.ErrInvalid, []string{"password_hash"}},
			{"hash of bcrypt", admin, hashed("x.y.z", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"), apperr.ErrInvalid, []string{"password_hash"}},
			{"hash with bad salt", admin, hashed("x.y.z", strings.Join(append(strings.Split(hash, "$")[:4], "!!salt!!", strings.Split(hash, "$")[5]), "$")), apperr.ErrInvalid, []string{"password_hash"}},
			{"hash with absurd cost", admin, hashed("x.y.z", strings.Replace(hash, "t=1,", "t=100000,", 1)), apperr.ErrInvalid, []string{"password_hash"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				users, events := e.Count(t, "users"), e.Count(t, "outbox")
				u, err := e.App.CreateUser(tt.ctx, tt.in)
				if tt.kind != nil {
					wantKind(t, err, tt.kind, "")
					if got := fields(err); tt.fields != nil && strings.Join(got, ",") != strings.Join(tt.fields, ",") {
						t.Fatalf("fields = %v, want %v", got, tt.fields)
					}
					if e.Count(t, "users") != users || e.Count(t, "outbox") != events {
						t.Fatal("a refused request changed something")
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				got, err := e.Store.User(context.Background(), u.ID)
				if err != nil || got.Username != tt.in.Username || got.UnitID != tt.in.UnitID || got.Title != tt.in.Title {
					t.Fatalf("stored %+v, %v", got, err)
				}
				if tt.in.UnitID == o.office.ID && got.AgencyID != o.province.ID {
					t.Fatalf("agency %s, want the province", got.AgencyID)
				}
				evs := e.Events(t, "user.created")
				p := evs[len(evs)-1].Payload.(*eventsv1.UserCreated)
				if p.UserId != u.ID || p.Email != tt.in.Email || p.AgencyId != u.AgencyID || strings.Join(p.Roles, ",") != strings.Join(u.Roles, ",") || !p.Active {
					t.Fatalf("event %+v", p)
				}
				var data string
				if err := db.QueryRowContext(context.Background(), `SELECT data FROM outbox WHERE key = $1`, u.ID).Scan(&data); err != nil {
					t.Fatal(err)
				}
				if (tt.in.Password != "" && strings.Contains(data, tt.in.Password)) || strings.Contains(data, "argon2") {
					t.Fatal("the event carries the password or its hash")
				}
				// The new user can sign in.
				password := tt.in.Password
				if tt.in.PasswordHash != "" {
					password = "mật-khẩu-chung-2026"
				}
				login(t, e, tt.in.Username, password)
			})
		}
	})
}

func TestUsersAndMe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		o := seed(t, e, e.Admin(t))
		clerk := testenv.As(o.clerk)

		l, err := e.App.Users(clerk, app.UserFilter{UnitID: o.office.ID}, app.Page{})
		if err != nil || len(l.Items) != 1 || l.Items[0].ID != o.clerk.ID {
			t.Fatalf("users of the office = %+v, %v", l, err)
		}
		l, err = e.App.Users(clerk, app.UserFilter{}, app.Page{})
		if err != nil || len(l.Items) != 3 || l.Items[0].ID != o.clerk.ID || l.Items[2].Username != "admin" {
			t.Fatalf("all users = %+v, %v", l, err)
		}
		_, err = e.App.Users(clerk, app.UserFilter{UnitID: "nope"}, app.Page{})
		wantKind(t, err, apperr.ErrInvalid, "")

		me, err := e.App.Me(clerk)
		if err != nil || me.ID != o.clerk.ID || me.AgencyID != o.province.ID || me.Email != "thu@khanhhoa.gov.vn" {
			t.Fatalf("me = %+v, %v", me, err)
		}
		_, err = e.App.Me(auth.NewContext(context.Background(), auth.Principal{Subject: "client-1", ClientID: "client-1"}))
		wantKind(t, err, apperr.ErrNotFound, "")
		_, err = e.App.Me(context.Background())
		wantKind(t, err, apperr.ErrUnauthorized, "")
	})
}
