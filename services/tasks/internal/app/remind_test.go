package app_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	taskstore "github.com/eoffice-vn/eoffice/services/tasks/internal/store"
)

var databases = map[string]func(t *testing.T) string{
	"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "tasks.db") },
	"postgres": func(t *testing.T) string { return storetest.NewPostgresDSN(t) },
}

// replicas opens two connection pools on one database, as two processes
// of the service would, each with its own App.
func replicas(t *testing.T, dsn string) (*store.DB, [2]*app.App) {
	t.Helper()
	var apps [2]*app.App
	var first *store.DB
	for i := range apps {
		db, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if i == 0 {
			first = db
			if err := messaging.Migrate(context.Background(), db); err != nil {
				t.Fatal(err)
			}
			if err := taskstore.Migrate(context.Background(), db); err != nil {
				t.Fatal(err)
			}
		}
		apps[i] = replica(db)
	}
	return first, apps
}

// newApp is one process of the service on db (a restart is a new one).
func replica(db *store.DB) *app.App {
	return app.New(app.Config{DB: db, Repos: taskstore.New(db, messaging.NewOutbox(db, messaging.OutboxConfig{})).Repos(), Source: "/eoffice/tasks"})
}

// world is a database with two agencies' units and the tasks of a test.
type world struct {
	t    *testing.T
	db   *store.DB
	repo *taskstore.Store
	apps [2]*app.App
}

func newWorld(t *testing.T, dsn string) *world {
	db, apps := replicas(t, dsn)
	w := &world{t: t, db: db, repo: taskstore.New(db, messaging.NewOutbox(db, messaging.OutboxConfig{})), apps: apps}
	w.tx(func(ctx context.Context, tx *store.Tx) error {
		for _, u := range []identityview.Unit{
			{ID: "ubnd", Kind: identityview.KindAgency, AgencyID: "ubnd", Name: "UBND tỉnh", Active: true},
			{ID: "stttt", Kind: identityview.KindAgency, AgencyID: "stttt", Name: "Sở TT&TT", Active: true},
			{ID: "stttt_vp", ParentID: "stttt", Kind: identityview.KindDivision, AgencyID: "stttt", Name: "Văn phòng", Active: true},
			{ID: "snv", Kind: identityview.KindAgency, AgencyID: "snv", Name: "Sở Nội vụ", Active: true},
		} {
			if _, err := identityview.PutUnit(ctx, tx, u, identityview.Version{}); err != nil {
				return err
			}
		}
		for _, p := range []identityview.Person{
			{ID: "gd.stttt", Username: "gd.stttt", FullName: "Giám đốc", UnitID: "stttt", AgencyID: "stttt", Roles: []string{"leader"}, Active: true},
			{ID: "cvp.stttt", Username: "cvp.stttt", FullName: "Chánh VP", UnitID: "stttt_vp", AgencyID: "stttt", Roles: []string{"leader"}, Active: true},
			{ID: "cv.stttt", Username: "cv.stttt", FullName: "Chuyên viên", UnitID: "stttt_vp", AgencyID: "stttt", Roles: []string{"specialist"}, Active: true},
			{ID: "gd.snv", Username: "gd.snv", FullName: "Giám đốc SNV", UnitID: "snv", AgencyID: "snv", Roles: []string{"leader"}, Active: true},
		} {
			if _, err := identityview.PutPerson(ctx, tx, p, identityview.Version{}); err != nil {
				return err
			}
		}
		return nil
	})
	return w
}

func (w *world) tx(fn func(ctx context.Context, tx *store.Tx) error) {
	w.t.Helper()
	if err := w.db.InTx(context.Background(), fn); err != nil {
		w.t.Fatal(err)
	}
}

// task creates an assigned task of unit due on due, assigned by the
// leader gd.ubnd.
func (w *world) task(id, unit, due string) domain.Task {
	w.t.Helper()
	created := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	tk := domain.Task{ID: id, Origin: domain.OriginDirection, SourceDocumentID: "d-" + id, AssignerUnitID: "ubnd",
		AssigneeUnitID: unit, Role: domain.RoleLead, Title: "Nhiệm vụ " + id, DueDate: domain.MustDate(due),
		Status: domain.StatusAssigned, CreatedAt: created, UpdatedAt: created, Version: 1}
	w.tx(func(ctx context.Context, tx *store.Tx) error {
		if _, err := w.repo.CreateTask(ctx, tx, tk); err != nil {
			return err
		}
		return w.repo.AddFirstHistory(ctx, tx, []domain.HistoryEntry{{TaskID: id, Action: domain.ActionAssigned,
			ActorUserID: "gd.ubnd", ActorUnitID: "ubnd", At: created, ToStatus: tk.Status}})
	})
	return tk
}

// change stores a new state of tk (completed, cancelled, extended).
func (w *world) change(tk *domain.Task, fn func(*domain.Task)) {
	w.t.Helper()
	fn(tk)
	tk.Version++
	w.tx(func(ctx context.Context, tx *store.Tx) error { return w.repo.UpdateTask(ctx, tx, *tk) })
}

// tick runs both replicas at once at now, twice, as after restarts.
func (w *world) tick(now time.Time) {
	w.t.Helper()
	for range 2 {
		var wg sync.WaitGroup
		for _, a := range w.apps {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := a.RemindDeadlines(context.Background(), now); err != nil {
					w.t.Error(err)
				}
				if _, err := a.SendWeeklyDigests(context.Background(), now); err != nil {
					w.t.Error(err)
				}
				if _, err := a.RemindReports(context.Background(), now); err != nil {
					w.t.Error(err)
				}
			}()
		}
		wg.Wait()
	}
}

// sent lists the reminders in the outbox: "task type step date" in the
// order written.
func (w *world) sent() []string {
	w.t.Helper()
	rows, err := w.db.Query(`SELECT key, type, data FROM outbox`)
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var key, typ string
		var payload string
		if err := rows.Scan(&key, &typ, &payload); err != nil {
			w.t.Fatal(err)
		}
		short, _ := events.Short(typ)
		m := events.NewPayload(short)
		if m == nil {
			continue
		}
		if err := protojson.Unmarshal([]byte(payload), m); err != nil {
			w.t.Fatal(err)
		}
		switch m := m.(type) {
		case *eventsv1.TaskDueSoon:
			out = append(out, fmt.Sprintf("%s %s %d", key, m.GetStep(), m.GetDaysLeft()))
		case *eventsv1.TaskOverdue:
			out = append(out, fmt.Sprintf("%s %s %d", key, m.GetStep(), m.GetDaysOverdue()))
		case *eventsv1.TaskEscalated:
			var unit, mine []string
			for _, r := range m.GetUnitOverdue() {
				unit = append(unit, r.GetTaskId())
			}
			for _, r := range m.GetAssignerOverdue() {
				mine = append(mine, r.GetTaskId())
			}
			out = append(out, fmt.Sprintf("%s escalate %d to %s unit%v mine%v", key, m.GetDaysOverdue(), m.GetAssignerUserId(), unit, mine))
		case *eventsv1.TaskReportDue:
			out = append(out, fmt.Sprintf("%s report %s %s %s %d", key, m.GetPeriod(), m.GetDueDate(), m.GetKind(), m.GetDays()))
		case *eventsv1.TaskWeeklyDigest:
			var items []string
			for _, r := range m.GetItems() {
				items = append(items, r.GetTaskId())
			}
			out = append(out, fmt.Sprintf("digest %s %s..%s %v", m.GetLeaderUserId(), m.GetWeekStart(), m.GetWeekEnd(), items))
		}
	}
	slices.Sort(out) // the order of one transaction's rows is not kept
	return out
}

// days yields 08:00 and 15:00 of each day from first for n days.
func days(first string, n int) []time.Time {
	d, _ := time.ParseInLocation(time.DateOnly, first, domain.Zone)
	var out []time.Time
	for i := range n {
		day := d.AddDate(0, 0, i)
		out = append(out, day.Add(8*time.Hour), day.Add(15*time.Hour))
	}
	return out
}

// TestRemindersFollowATask follows one task across 30 days (due Wednesday
// 11/3/2026, default rules, weekends off) through two replicas and a
// restart: exactly its rules' reminders, one escalation, nothing after it
// is completed.
func TestRemindersFollowATask(t *testing.T) {
	for name, dsn := range databases {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t, dsn(t))
			tk := w.task("t1", "stttt", "2026-03-11")
			w.task("t0", "stttt", "2026-03-02") // an older overdue task of the unit, listed in the escalation
			for _, now := range days("2026-02-24", 30) {
				if now.Day() == 10 && now.Hour() == 8 {
					w.apps[1] = replica(w.db) // a restart of one replica
				}
				if now.Day() == 21 && now.Hour() == 8 { // Saturday: the unit finishes
					w.change(&tk, func(tk *domain.Task) {
						at := now
						tk.Status, tk.CompletedAt, tk.UpdatedAt = domain.StatusCompleted, &at, at
					})
				}
				w.tick(now)
			}
			var mine []string
			for _, s := range w.sent() {
				if strings.HasPrefix(s, "t1 ") {
					mine = append(mine, s)
				}
			}
			want := []string{ // in time order; sorted below
				"t1 before_3 3",  // Friday 6/3: three working days left
				"t1 before_1 1",  // Tuesday 10/3
				"t1 due_day 0",   // Wednesday 11/3
				"t1 overdue_1 1", // Thursday 12/3
				"t1 overdue_3 3", // Monday 16/3
				"t1 overdue_5 5", // Wednesday 18/3
				"t1 escalate 5 to gd.ubnd unit[t0 t1] mine[t0 t1]",
				"t1 overdue_7 7", // Friday 20/3; completed on Saturday: nothing more
			}
			slices.Sort(want)
			if !slices.Equal(mine, want) {
				t.Fatalf("sent\n%s\nwant\n%s", strings.Join(mine, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestRemindersStopOnExtensionAndCancel: an extended task starts a fresh
// series for its new due date; a cancelled one gets nothing more; an
// agency's own rules apply to its tasks.
func TestRemindersStopOnExtensionAndCancel(t *testing.T) {
	for name, dsn := range databases {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t, dsn(t))
			ext := w.task("ext", "stttt", "2026-03-11")
			cancel := w.task("cancel", "stttt", "2026-03-11")
			w.task("own", "snv", "2026-03-11")
			rules := domain.ReminderRules{AgencyID: "snv", BeforeDays: []int{2}, OnDueDay: false, RepeatEvery: 1, EscalateAfter: 2}
			if err := w.repo.PutReminderRules(context.Background(), rules); err != nil {
				t.Fatal(err)
			}
			for _, now := range days("2026-03-09", 7) { // Monday 9/3 to Sunday 15/3
				if now.Day() == 12 && now.Hour() == 15 {
					w.change(&ext, func(tk *domain.Task) { tk.DueDate, tk.UpdatedAt = domain.MustDate("2026-03-13"), now })
					w.change(&cancel, func(tk *domain.Task) {
						at := now
						tk.Status, tk.CancelledAt, tk.UpdatedAt = domain.StatusCancelled, &at, at
					})
				}
				w.tick(now)
			}
			got := map[string][]string{}
			for _, s := range w.sent() {
				k, rest, _ := strings.Cut(s, " ")
				got[k] = append(got[k], rest)
			}
			delete(got, "digest")        // Monday's, of TestWeeklyDigest
			want := map[string][]string{ // sorted
				// 12/3 afternoon: extended to Friday 13/3, one working day
				// left: the new series' before_1 at once, then its day.
				"ext":    {"before_1 1", "before_1 1", "before_3 2", "due_day 0", "due_day 0", "overdue_1 1"},
				"cancel": {"before_1 1", "before_3 2", "due_day 0", "overdue_1 1"},
				// SNV: two days before, no reminder on the day, every day
				// after, escalation after two (when the others are no
				// longer overdue).
				"own": {"before_2 2", "escalate 2 to gd.ubnd unit[own] mine[own]", "overdue_1 1", "overdue_2 2"},
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("sent %v\nwant %v", got, want)
			}
		})
	}
}

// TestWeeklyDigest: on Monday from 07:30 each leader gets one digest of
// their units' overdue tasks and those due this week, once across two
// replicas and a restart; a leader with nothing to list gets none.
func TestWeeklyDigest(t *testing.T) {
	for name, dsn := range databases {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t, dsn(t))
			w.task("late", "stttt_vp", "2026-02-27")
			w.task("week", "stttt", "2026-03-13")
			w.task("sunday", "stttt_vp", "2026-03-15")
			w.task("later", "stttt", "2026-03-16")
			done := w.task("done", "stttt", "2026-03-10")
			w.change(&done, func(tk *domain.Task) {
				at := tk.CreatedAt
				tk.Status, tk.CompletedAt = domain.StatusCompleted, &at
			})
			monday := time.Date(2026, 3, 9, 0, 0, 0, 0, domain.Zone)
			var digests []string
			for i, at := range []time.Duration{7 * time.Hour, 7*time.Hour + 29*time.Minute, 7*time.Hour + 30*time.Minute, 9 * time.Hour, 33 * time.Hour} {
				if i == 3 {
					w.apps[0] = replica(w.db) // a restart
				}
				for _, a := range w.apps {
					if _, err := a.SendWeeklyDigests(context.Background(), monday.Add(at)); err != nil {
						t.Fatal(err)
					}
				}
				if i == 1 && len(w.sent()) != 0 {
					t.Fatalf("before 07:30: %v", w.sent())
				}
			}
			for _, s := range w.sent() {
				if strings.HasPrefix(s, "digest ") {
					digests = append(digests, s)
				}
			}
			want := []string{
				"digest cvp.stttt 2026-03-09..2026-03-15 [late sunday]",
				"digest gd.stttt 2026-03-09..2026-03-15 [late week sunday]",
			}
			if !slices.Equal(digests, want) {
				t.Fatalf("digests\n%s\nwant\n%s", strings.Join(digests, "\n"), strings.Join(want, "\n"))
			}
			// Later that week SNV gets a task due by Sunday: an
			// administrator's request sends its leader, who had nothing on
			// Monday, the digest; the others have theirs already.
			w.task("snv", "snv", "2026-03-13")
			admin := auth.NewContext(context.Background(), auth.Principal{Subject: "admin", Roles: []string{auth.RoleAdmin}})
			for i, wantSent := range []int{1, 0} {
				a := app.New(app.Config{DB: w.db, Repos: w.repo.Repos(), Now: func() time.Time { return monday.Add(50 * time.Hour) }})
				if n, err := a.SendDigestsNow(admin); err != nil || n != wantSent {
					t.Fatalf("request %d: sent %d, %v; want %d", i, n, err, wantSent)
				}
			}
			if got := w.sent(); len(got) != 3 || got[1] != "digest gd.snv 2026-03-09..2026-03-15 [snv]" {
				t.Fatalf("requested digest: %v", w.sent())
			}
		})
	}
}
