package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
)

// inTx runs fn in a transaction, failing the test on error.
func inTx(t *testing.T, db *pkgstore.DB, fn func(ctx context.Context, tx *pkgstore.Tx) error) {
	t.Helper()
	if err := db.InTx(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func add(t *testing.T, db *pkgstore.DB, s *store.Store, n domain.Notification) {
	t.Helper()
	inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
		_, err := s.AddNotification(ctx, tx, n)
		return err
	})
}

func open(t *testing.T, db *pkgstore.DB) *store.Store {
	t.Helper()
	if err := store.Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return store.New(db)
}

// The directory's writes are the shared read model's (pkg/identityview),
// here in the store's shapes; an event's version is its time.

func putUnit(ctx context.Context, tx *pkgstore.Tx, u domain.Unit, at time.Time) error {
	_, err := identityview.PutUnit(ctx, tx, identityview.Unit{ID: u.ID, ParentID: u.ParentID, Kind: u.Kind,
		AgencyID: u.AgencyID, Name: u.Name, ShortName: u.ShortName, Active: u.Active}, identityview.Version{Time: at})
	return err
}

func putPerson(ctx context.Context, tx *pkgstore.Tx, p domain.Person, at time.Time) error {
	_, err := identityview.PutPerson(ctx, tx, identityview.Person{ID: p.ID, Username: p.Username, FullName: p.FullName,
		Email: p.Email, UnitID: p.UnitID, AgencyID: p.AgencyID, Title: p.Title, Roles: p.Roles, Active: p.Active},
		identityview.Version{Time: at})
	return err
}

func deactivatePerson(ctx context.Context, tx *pkgstore.Tx, id, unitID string, at time.Time) error {
	return identityview.DeactivatePerson(ctx, tx, id, unitID, identityview.Version{Time: at})
}

var t0 = time.Date(2022, 3, 1, 8, 0, 0, 123456789, time.UTC)

func TestUnits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		if _, err := s.Unit(ctx, db, "u1"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown unit: err = %v, want ErrNotFound", err)
		}
		v1 := domain.Unit{ID: "u1", Kind: "agency", AgencyID: "u1", Name: "Sở Thông tin và Truyền thông", ShortName: "STTTT", Active: true}
		v2 := v1
		v2.Name, v2.Active = "Sở TT&TT", false
		v0 := v1
		v0.Name = "stale"
		steps := []struct {
			name string
			unit domain.Unit
			at   time.Time
			want domain.Unit
		}{
			{"created", v1, t0, v1},
			{"updated", v2, t0.Add(time.Second), v2},
			{"older event ignored", v0, t0, v2},
			{"same time applied", v1, t0.Add(time.Second), v1},
		}
		for _, st := range steps {
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return putUnit(ctx, tx, st.unit, st.at) })
			got, err := s.Unit(ctx, db, "u1")
			if err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if got != st.want {
				t.Errorf("%s: unit = %+v, want %+v", st.name, got, st.want)
			}
		}
	})
}

func TestPeople(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		up := func(p domain.Person, at time.Time) {
			t.Helper()
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return putPerson(ctx, tx, p, at) })
		}
		leader := domain.Person{ID: "p1", Username: "lan", FullName: "Nguyễn Thị Lan", Email: "lan@example.vn", UnitID: "u1", AgencyID: "u1", Roles: []string{"leader", "specialist", "leader"}, Title: "Giám đốc", Active: true}
		up(leader, t0)
		got, err := s.Person(ctx, db, "p1")
		if err != nil {
			t.Fatal(err)
		}
		if got.FullName != leader.FullName || got.Email != leader.Email || got.Title != "Giám đốc" || !got.Active ||
			!slices.Equal(got.Roles, []string{"leader", "specialist"}) {
			t.Fatalf("person = %+v", got)
		}

		up(domain.Person{ID: "p2", UnitID: "u1", Roles: []string{"clerk"}, Active: true}, t0)
		up(domain.Person{ID: "p3", UnitID: "u1", Roles: []string{"leader"}, Active: true}, t0)
		up(domain.Person{ID: "p4", UnitID: "u2", Roles: []string{"leader"}, Active: true}, t0)
		leaders := func() []string {
			t.Helper()
			ps, err := s.ActiveWithRole(ctx, db, "u1", domain.RoleLeader)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, p := range ps {
				ids = append(ids, p.ID)
			}
			return ids
		}
		if got := leaders(); !slices.Equal(got, []string{"p1", "p3"}) {
			t.Fatalf("leaders = %v, want [p1 p3]", got)
		}

		// p3 loses the role, then an older event with the role arrives late.
		up(domain.Person{ID: "p3", UnitID: "u1", Roles: []string{"specialist"}, Active: true}, t0.Add(time.Minute))
		up(domain.Person{ID: "p3", UnitID: "u1", Roles: []string{"leader"}, Active: true}, t0)
		if got := leaders(); !slices.Equal(got, []string{"p1"}) {
			t.Fatalf("after role change: leaders = %v, want [p1]", got)
		}

		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			return deactivatePerson(ctx, tx, "p1", "u1", t0.Add(time.Minute))
		})
		if got := leaders(); len(got) != 0 {
			t.Fatalf("after deactivation: leaders = %v, want none", got)
		}
		p1, _ := s.Person(ctx, db, "p1")
		if p1.Active || p1.FullName != leader.FullName {
			t.Fatalf("deactivated person = %+v", p1)
		}
		// The creation replayed after the deactivation does not revive p1.
		up(leader, t0)
		if got := leaders(); len(got) != 0 {
			t.Fatalf("after replayed creation: leaders = %v, want none", got)
		}

		// Deactivation before creation leaves an inactive tombstone.
		inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
			return deactivatePerson(ctx, tx, "p9", "u1", t0.Add(time.Hour))
		})
		up(domain.Person{ID: "p9", UnitID: "u1", Roles: []string{"leader"}, Active: true}, t0)
		if got := leaders(); len(got) != 0 {
			t.Fatalf("tombstone: leaders = %v, want none", got)
		}
		if _, err := s.Person(ctx, db, "nobody"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("unknown person: err = %v", err)
		}
	})
}

func note(id, user, event string, at time.Time) domain.Notification {
	return domain.Notification{ID: id, UserID: user, EventID: event, Type: domain.TypeTaskAssigned,
		Title: "Nhiệm vụ mới: " + id, Body: "body " + id, Link: "/tasks/" + id, CreatedAt: at}
}

func TestAddNotificationOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		tests := []struct {
			name string
			n    domain.Notification
			want bool
		}{
			{"first", note("n1", "p1", "e1", t0), true},
			{"same person, event and type", note("n2", "p1", "e1", t0), false},
			{"other person", note("n3", "p2", "e1", t0), true},
			{"other event", note("n4", "p1", "e2", t0), true},
		}
		for _, tt := range tests {
			var created bool
			err := db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
				var err error
				created, err = s.AddNotification(ctx, tx, tt.n)
				return err
			})
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			if created != tt.want {
				t.Errorf("%s: created = %v, want %v", tt.name, created, tt.want)
			}
		}
		got, err := s.Notification(ctx, db, "n1")
		if err != nil {
			t.Fatal(err)
		}
		if !got.CreatedAt.Equal(t0) || got.ReadAt != nil || got.Title != "Nhiệm vụ mới: n1" || got.Link != "/tasks/n1" {
			t.Fatalf("n1 = %+v", got)
		}
		if _, err := s.Notification(ctx, db, "n2"); !errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("n2 should not exist: %v", err)
		}
	})
}

func TestListAndRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		// Seven of p1's, two sharing a time (the id breaks the tie), one of p2's.
		var all []string
		for i := range 7 {
			at := t0.Add(time.Duration(i) * time.Minute)
			if i == 6 {
				at = t0.Add(5 * time.Minute)
			}
			id := fmt.Sprintf("n%d", i)
			add(t, db, s, note(id, "p1", "e"+id, at))
		}
		all = []string{"n6", "n5", "n4", "n3", "n2", "n1", "n0"}
		add(t, db, s, note("x", "p2", "ex", t0.Add(time.Hour)))
		for _, id := range []string{"n1", "n4"} {
			if _, err := s.MarkRead(ctx, "p1", id, t0.Add(2*time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		yes, no := true, false
		tests := []struct {
			name   string
			unread *bool
			limit  int
			want   []string
		}{
			{"all, one page", nil, 50, all},
			{"all, pages of 3", nil, 3, all},
			{"all, pages of 1", nil, 1, all},
			{"unread", &yes, 2, []string{"n6", "n5", "n3", "n2", "n0"}},
			{"read", &no, 50, []string{"n4", "n1"}},
		}
		for _, tt := range tests {
			var got []string
			f := domain.NotificationFilter{UserID: "p1", Unread: tt.unread, Limit: tt.limit}
			for pages := 0; ; pages++ {
				if pages > 10 {
					t.Fatalf("%s: paging does not end", tt.name)
				}
				items, more, err := s.List(ctx, f)
				if err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				if len(items) > tt.limit {
					t.Fatalf("%s: page of %d, limit %d", tt.name, len(items), tt.limit)
				}
				for _, n := range items {
					got = append(got, n.ID)
				}
				if !more {
					break
				}
				c := app.CursorOf(items[len(items)-1])
				f.After = &c
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
			}
		}
		n, err := s.UnreadCount(ctx, "p1")
		if err != nil || n != 5 {
			t.Fatalf("unread count = %d, %v; want 5", n, err)
		}
		if n, _ := s.UnreadCount(ctx, "p2"); n != 1 {
			t.Fatalf("p2 unread count = %d, want 1", n)
		}
	})
}

func TestMarkRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ctx := context.Background()
		s := open(t, db)
		add(t, db, s, note("n1", "p1", "e1", t0))
		first, later := t0.Add(time.Hour), t0.Add(2*time.Hour)
		tests := []struct {
			name     string
			user, id string
			at       time.Time
			wantErr  error
			wantRead time.Time
		}{
			{"someone else's", "p2", "n1", first, domain.ErrNotFound, time.Time{}},
			{"unknown", "p1", "nope", first, domain.ErrNotFound, time.Time{}},
			{"own", "p1", "n1", first, nil, first},
			{"again keeps the first time", "p1", "n1", later, nil, first},
		}
		for _, tt := range tests {
			n, err := s.MarkRead(ctx, tt.user, tt.id, tt.at)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("%s: err = %v, want %v", tt.name, err, tt.wantErr)
			}
			if tt.wantErr != nil {
				continue
			}
			if n.ID != tt.id || n.ReadAt == nil || !n.ReadAt.Equal(tt.wantRead) {
				t.Errorf("%s: got %+v (read_at %v), want read at %v", tt.name, n, n.ReadAt, tt.wantRead)
			}
		}
		// The failed attempt by p2 changed nothing before p1 read it.
		if n, _ := s.UnreadCount(ctx, "p1"); n != 0 {
			t.Fatalf("unread = %d, want 0", n)
		}
	})
}
