package app_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	taskstore "github.com/eoffice-vn/eoffice/services/tasks/internal/store"
)

// analyticsTask is one task of the analytics fixture with what an
// official would call it, written by hand: the test counts from these
// words, not from domain.Classify.
type analyticsTask struct {
	id, unit, user     string
	created, due, done string // created and done "2006-01-02 15:04" in Vietnam; done "" while open
	status             domain.Status
	is                 string // on_time, late, overdue, week, later, review, cancelled
}

var vn = func(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, domain.Zone)
	if err != nil {
		panic(err)
	}
	return t
}

// Now is Wednesday 17/6/2026; the period is May 2026.
var (
	analyticsNow         = vn("2026-06-17 10:00")
	periodFrom, periodTo = "2026-05-01", "2026-05-31"
	analyticsTasks       = []analyticsTask{
		{"a1", "p1", "cv1", "2026-05-04 09:00", "2026-05-10", "2026-05-08 09:00", domain.StatusCompleted, "on_time"},
		{"a2", "p1", "cv1", "2026-05-05 09:00", "2026-05-10", "2026-05-12 21:00", domain.StatusCompleted, "late"},
		{"a3", "p1", "cv2", "2026-05-06 08:00", "2026-06-01", "", domain.StatusInProgress, "overdue"},
		{"a4", "p1", "cv2", "2026-05-07 08:00", "2026-05-30", "", domain.StatusCancelled, "cancelled"},
		{"a5", "p1", "", "2026-05-20 08:00", "2026-06-19", "", domain.StatusAssigned, "week"},
		// Assigned before the period, completed in it on its last day.
		{"a6", "p1a", "", "2026-04-20 08:00", "2026-05-15", "2026-05-15 23:00", domain.StatusCompleted, "on_time"},
		{"a7", "p2", "cv3", "2026-05-10 08:00", "2026-07-31", "", domain.StatusInProgress, "later"},
		{"a8", "p2", "", "2026-05-11 08:00", "2026-07-01", "", domain.StatusAwaitingReview, "review"},
		// Another agency's unit, and work after the period.
		{"a9", "x", "", "2026-05-11 08:00", "2026-05-20", "2026-05-19 08:00", domain.StatusCompleted, "on_time"},
		{"a10", "p1", "cv1", "2026-06-02 08:00", "2026-06-10", "2026-06-05 08:00", domain.StatusCompleted, "on_time"},
	}
)

// want counts the fixture's tasks by hand for one row.
func (c analyticsTask) inPeriod(at string) bool {
	if at == "" {
		return false
	}
	d := at[:10]
	return d >= periodFrom && d <= periodTo
}

type wantRow struct {
	assigned, completed, onTime, late int
	days                              []float64
	load                              domain.Load
}

func countByHand(keep func(analyticsTask) bool, key func(analyticsTask) string) map[string]*wantRow {
	out := map[string]*wantRow{}
	for _, c := range analyticsTasks {
		if !keep(c) || c.is == "cancelled" {
			continue
		}
		r := out[key(c)]
		if r == nil {
			r = &wantRow{}
			out[key(c)] = r
		}
		if c.inPeriod(c.created) {
			r.assigned++
		}
		if c.inPeriod(c.done) {
			r.completed++
			if c.is == "on_time" {
				r.onTime++
			} else {
				r.late++
			}
			r.days = append(r.days, math.Round(vn(c.done).Sub(vn(c.created)).Hours()/24*100)/100) // to the hundredth
		}
		switch c.is {
		case "overdue":
			r.load.Overdue++
		case "week":
			r.load.DueThisWeek++
		case "later":
			r.load.Later++
		case "review":
			r.load.AwaitingReview++
		}
		if c.done == "" {
			r.load.Open++
		}
	}
	for k, r := range out { // rows with nothing to show are not rows
		if r.assigned+r.completed+r.load.Open == 0 {
			delete(out, k)
		}
	}
	return out
}

// seedAnalytics writes the tree, the people and the tasks:
//
//	so (agency) ── p1 ── p1a
//	           └── p2
//	other (agency) ── x
func seedAnalytics(t *testing.T, db *store.DB) {
	t.Helper()
	s := taskstore.New(db, nil)
	units := []identityview.Unit{
		{ID: "so", Kind: identityview.KindAgency, AgencyID: "so", Name: "Sở Thông tin và Truyền thông", Active: true},
		{ID: "p1", ParentID: "so", Kind: identityview.KindDivision, AgencyID: "so", Name: "Phòng Bưu chính", Active: true},
		{ID: "p1a", ParentID: "p1", Kind: identityview.KindDivision, AgencyID: "so", Name: "Tổ Viễn thông", Active: true},
		{ID: "p2", ParentID: "so", Kind: identityview.KindDivision, AgencyID: "so", Name: "Phòng Công nghệ", Active: true},
		{ID: "other", Kind: identityview.KindAgency, AgencyID: "other", Name: "Sở Y tế", Active: true},
		{ID: "x", ParentID: "other", Kind: identityview.KindDivision, AgencyID: "other", Name: "Phòng X", Active: true},
	}
	people := []identityview.Person{
		{ID: "cv1", FullName: "Nguyễn Văn An", UnitID: "p1", AgencyID: "so", Active: true},
		{ID: "cv2", FullName: "Trần Thị Bình", UnitID: "p1", AgencyID: "so", Active: true},
		{ID: "cv3", FullName: "Lê Văn Cường", UnitID: "p2", AgencyID: "so", Active: true},
	}
	var ts []domain.Task
	for _, c := range analyticsTasks {
		created := vn(c.created)
		x := domain.Task{ID: c.id, Origin: domain.OriginDocument, SourceDocumentID: "d-" + c.id, SourceNotation: "07/CT-UBND",
			Confidentiality: "normal", Urgency: domain.UrgencyNormal, AssignerUnitID: "ubnd", AssigneeUnitID: c.unit,
			AssigneeUserID: c.user, Role: domain.RoleLead, Title: "Nhiệm vụ " + c.id, DueDate: domain.MustDate(c.due),
			Status: c.status, CreatedAt: created, UpdatedAt: created, Version: 1}
		if c.done != "" {
			d := vn(c.done)
			x.CompletedAt = &d
		}
		if c.status == domain.StatusCancelled {
			x.CancelledAt = &created
		}
		ts = append(ts, x)
	}
	if err := db.InTx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
		for _, u := range units {
			if _, err := identityview.PutUnit(ctx, tx, u, identityview.Version{}); err != nil {
				return err
			}
		}
		for _, p := range people {
			if _, err := identityview.PutPerson(ctx, tx, p, identityview.Version{}); err != nil {
				return err
			}
		}
		_, err := s.CreateTasks(ctx, tx, ts)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func as(user, unit, agency string, roles ...string) context.Context {
	return auth.NewContext(context.Background(), auth.Principal{Subject: user, UnitID: unit, AgencyID: agency, Roles: roles})
}

// TestTaskAnalyticsMatchesACountByHand: per unit and per person, every
// figure equals the fixture counted independently — a task completed
// late, one on time, one open and overdue, one cancelled (counted
// nowhere), one due this week, one waiting for review.
func TestTaskAnalyticsMatchesACountByHand(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := newApp(t, db, analyticsNow)
		seedAnalytics(t, db)
		director := as("gd", "so", "so", auth.RoleLeader)
		inSo := func(c analyticsTask) bool { return c.unit != "x" }
		tests := []struct {
			name string
			in   app.AnalyticsInput
			want map[string]*wantRow
		}{
			{"per unit", app.AnalyticsInput{From: periodFrom, To: periodTo},
				countByHand(inSo, func(c analyticsTask) string { return c.unit })},
			{"per person", app.AnalyticsInput{From: periodFrom, To: periodTo, Group: "person"},
				countByHand(func(c analyticsTask) bool { return inSo(c) && c.user != "" }, func(c analyticsTask) string { return c.unit + "/" + c.user })},
			{"one unit's subtree", app.AnalyticsInput{From: periodFrom, To: periodTo, UnitID: "p1"},
				countByHand(func(c analyticsTask) bool { return c.unit == "p1" || c.unit == "p1a" }, func(c analyticsTask) string { return c.unit })},
		}
		for _, tc := range tests {
			for _, whole := range []bool{false, true} { // open tasks counted by the store, or read whole
				t.Run(fmt.Sprintf("%s/open tasks listed %v", tc.name, whole), func(t *testing.T) {
					in := tc.in
					in.OpenTasks = whole
					got, err := a.TaskAnalytics(director, in)
					if err != nil {
						t.Fatal(err)
					}
					checkRows(t, got, tc.want)
				})
			}
		}
		got, err := a.TaskAnalytics(director, app.AnalyticsInput{From: periodFrom, To: periodTo, OpenTasks: true})
		if err != nil {
			t.Fatal(err)
		}
		// The total: 5 assigned in May (a4 cancelled, a6 in April), 3
		// completed (a1, a6 on time; a2 late), 4 open.
		tot := got.Total
		if tot.Assigned != 6 || tot.Completed != 3 || tot.CompletedOnTime != 2 || tot.CompletedLate != 1 || tot.Load.Open != 4 ||
			*tot.OnTimeRate() != 2.0/3 {
			t.Errorf("total %+v", tot)
		}
		if got.Today.String() != "2026-06-17" || got.WeekEnd.String() != "2026-06-21" {
			t.Errorf("as of %s, week ending %s", got.Today, got.WeekEnd)
		}
		for _, r := range got.Rows {
			if r.UnitID == "p1" && (len(r.Open) != 2 || r.Open[0].ID != "a3" || r.Open[1].ID != "a5" || r.UnitName != "Phòng Bưu chính") {
				t.Errorf("p1's open tasks %+v", r)
			}
		}
	})
}

func checkRows(t *testing.T, got app.Analytics, want map[string]*wantRow) {
	t.Helper()
	seen := map[string]bool{}
	for _, r := range got.Rows {
		k := r.UnitID
		if got.Group == domain.GroupPerson {
			k += "/" + r.UserID
		}
		seen[k] = true
		w := want[k]
		if w == nil {
			t.Errorf("row %s not expected: %+v", k, r.Figures)
			continue
		}
		slices.Sort(w.days)
		f := r.Figures
		if f.Assigned != w.assigned || f.Completed != w.completed || f.CompletedOnTime != w.onTime || f.CompletedLate != w.late ||
			f.Load != w.load || fmt.Sprint(f.Days) != fmt.Sprint(w.days) {
			t.Errorf("%s: got %+v %+v days %v, want %+v", k, f.Load, f, f.Days, *w)
		}
		if w.completed > 0 {
			rate := float64(w.onTime) / float64(w.completed)
			med := w.days[(len(w.days)-1)/2]
			if len(w.days)%2 == 0 {
				med = (w.days[len(w.days)/2-1] + w.days[len(w.days)/2]) / 2
			}
			if *f.OnTimeRate() != rate || *f.MedianDays() != med || *f.P90Days() != w.days[len(w.days)-1] {
				t.Errorf("%s: rate %v median %v p90 %v, want %v %v %v", k, *f.OnTimeRate(), *f.MedianDays(), *f.P90Days(), rate, med, w.days[len(w.days)-1])
			}
		} else if f.OnTimeRate() != nil || f.MedianDays() != nil {
			t.Errorf("%s: a rate without completed tasks", k)
		}
	}
	for k := range want {
		if !seen[k] {
			t.Errorf("row %s missing", k)
		}
	}
}

// TestTaskAnalyticsVisibility: a person's figures are theirs and their
// unit's head's; a colleague gets 403 for them; a unit's figures are its
// agency's staff's.
func TestTaskAnalyticsVisibility(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := newApp(t, db, analyticsNow)
		seedAnalytics(t, db)
		person := func(user string) app.AnalyticsInput {
			return app.AnalyticsInput{From: periodFrom, To: periodTo, Group: "person", UserID: user}
		}
		mine := app.AnalyticsInput{From: periodFrom, To: periodTo, Group: "person"}
		specialist := as("cv1", "p1", "so", auth.RoleSpecialist)
		head := as("tp1", "p1", "so", auth.RoleLeader)
		tests := []struct {
			name  string
			ctx   context.Context
			in    app.AnalyticsInput
			err   error
			users []string // the persons of the rows
		}{
			{"a specialist: a colleague's figures", specialist, person("cv2"), apperr.ErrForbidden, nil},
			{"a specialist: their own", specialist, person("cv1"), nil, []string{"cv1"}},
			{"a specialist asking for everyone gets themselves", specialist, mine, nil, []string{"cv1"}},
			{"their head: the colleague's", head, person("cv2"), nil, []string{"cv2"}},
			{"their head: the unit's people", head, mine, nil, []string{"cv1", "cv2"}},
			{"a head of another division", as("tp2", "p2", "so", auth.RoleLeader), person("cv2"), apperr.ErrForbidden, nil},
			{"the agency's head", as("gd", "so", "so", auth.RoleLeader), person("cv2"), nil, []string{"cv2"}},
			{"a clerk of the agency", as("vt", "so", "so", auth.RoleClerk), person("cv2"), apperr.ErrForbidden, nil},
			{"another agency's leader", as("ld", "other", "other", auth.RoleLeader),
				app.AnalyticsInput{From: periodFrom, To: periodTo, UnitID: "p1"}, apperr.ErrForbidden, nil},
			{"a specialist: a unit of their agency", specialist, app.AnalyticsInput{From: periodFrom, To: periodTo, UnitID: "p2"}, nil, []string{""}},
			{"no agency", as("admin", "", "", auth.RoleAdmin), app.AnalyticsInput{From: periodFrom, To: periodTo}, apperr.ErrForbidden, nil},
			{"no from", specialist, app.AnalyticsInput{To: periodTo}, apperr.ErrInvalid, nil},
			{"to before from", specialist, app.AnalyticsInput{From: periodTo, To: periodFrom}, apperr.ErrInvalid, nil},
			{"a bad group", specialist, app.AnalyticsInput{From: periodFrom, To: periodTo, Group: "team"}, apperr.ErrInvalid, nil},
			{"a person without group=person", specialist, app.AnalyticsInput{From: periodFrom, To: periodTo, UserID: "cv1"}, apperr.ErrInvalid, nil},
			// Without identity to ask, a unit the tree does not know is "retry".
			{"an unknown unit", specialist, app.AnalyticsInput{From: periodFrom, To: periodTo, UnitID: "nowhere"}, apperr.ErrUnavailable, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := a.TaskAnalytics(tc.ctx, tc.in)
				if !errors.Is(err, tc.err) || (tc.err != nil && err == nil) {
					t.Fatalf("err %v, want %v", err, tc.err)
				}
				if tc.err != nil {
					return
				}
				var users []string
				for _, r := range got.Rows {
					users = append(users, r.UserID)
				}
				slices.Sort(users)
				if fmt.Sprint(users) != fmt.Sprint(tc.users) {
					t.Fatalf("rows of %v, want %v", users, tc.users)
				}
			})
		}
	})
}
