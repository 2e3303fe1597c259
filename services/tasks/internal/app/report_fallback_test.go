package app_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// racing is the store's Tasks with a change slipped in right after the
// next read of a task: the task SubmitReport reads before its transaction
// is then stale, as when another request changes it in between.
type racing struct {
	stored
	between func()
}

// stored names the embedded store apart from its method Tasks.
type stored = app.Tasks

func (r *racing) Task(ctx context.Context, id string) (domain.Task, error) {
	t, err := r.stored.Task(ctx, id)
	if f := r.between; f != nil && err == nil {
		r.between = nil
		f()
	}
	return t, err
}

// TestReportOnAChangedTask: SubmitReport files a report on the task as
// read before its transaction and falls back to the task as stored when
// that read is stale or refuses the report. Whatever changed in between,
// the report is filed once on the current task (its changes kept), or
// refused with nothing written when the current task takes no report.
func TestReportOnAChangedTask(t *testing.T) {
	bg := context.Background()
	// we report as cv.stttt; someone else of the unit, gd.stttt, and the
	// assigner, gd.ubnd, change the task in between
	we := auth.NewContext(bg, auth.Principal{Subject: "cv.stttt", UnitID: "stttt", AgencyID: "stttt", Roles: []string{auth.RoleSpecialist}})
	other := auth.NewContext(bg, auth.Principal{Subject: "gd.stttt", UnitID: "stttt", AgencyID: "stttt", Roles: []string{auth.RoleLeader}})
	assigner := auth.NewContext(bg, auth.Principal{Subject: "gd.ubnd", UnitID: "ubnd", AgencyID: "ubnd", Roles: []string{auth.RoleLeader}})

	// f holds what the cases do through a second, undisturbed replica.
	type f struct {
		t  *testing.T
		w  *world
		id string
	}
	report := func(x f, final bool) {
		x.t.Helper()
		in := app.ReportInput{ReportInput: domain.ReportInput{ProgressPercent: new(20), Summary: "Đã triển khai một phần", Final: &final}}
		if _, err := x.w.apps[1].SubmitReport(other, x.id, in); err != nil {
			x.t.Fatalf("other's report: %v", err)
		}
	}
	review := func(x f, decision string) {
		x.t.Helper()
		rs, err := x.w.repo.Reports(bg, x.id)
		if err != nil || len(rs) == 0 {
			x.t.Fatalf("reports %v, %v", rs, err)
		}
		if _, err := x.w.apps[1].ReviewReport(assigner, x.id, rs[len(rs)-1].ID, app.ReviewInput{Decision: decision, Comment: "Bổ sung số liệu"}); err != nil {
			x.t.Fatalf("review: %v", err)
		}
	}
	askExtension := func(x f) {
		x.t.Helper()
		if _, err := x.w.apps[1].RequestExtension(other, x.id, app.ExtensionInput{DueDate: "2030-04-30", Reason: "Chờ số liệu"}); err != nil {
			x.t.Fatalf("extension request: %v", err)
		}
	}
	approve := func(x f) {
		x.t.Helper()
		if _, err := x.w.apps[1].DecideExtension(assigner, x.id, app.DecisionInput{Approve: new(true)}); err != nil {
			x.t.Fatalf("extension decision: %v", err)
		}
	}
	cancel := func(x f) { // the source document was revoked
		x.t.Helper()
		if err := x.w.repo.Update(bg, x.id, func(_ context.Context, tk *domain.Task, _ app.Writes) error {
			var err error
			*tk, err = tk.Cancel(time.Now())
			return err
		}); err != nil {
			x.t.Fatalf("cancel: %v", err)
		}
	}

	for _, c := range []struct {
		name    string
		before  func(f) // before our request reads the task
		between func(f) // after it read the task, before its transaction
		final   bool
		wantErr error
		// the task; the report authors; the report_submitted history as
		// "actor from>to"; the report events as "by status due"
		want string
	}{
		{name: "unchanged", want: "in_progress v2 due 2030-03-11 progress 50 | reports [cv.stttt]" +
			" | history [cv.stttt assigned>in_progress] | events [cv.stttt in_progress 2030-03-11]"},
		{name: "unchanged final", final: true, want: "awaiting_review v2 due 2030-03-11 progress 50 | reports [cv.stttt]" +
			" | history [cv.stttt assigned>awaiting_review] | events [cv.stttt awaiting_review 2030-03-11]"},
		{name: "reported in between", between: func(x f) { report(x, false) },
			want: "in_progress v3 due 2030-03-11 progress 50 | reports [cv.stttt gd.stttt]" +
				" | history [gd.stttt assigned>in_progress cv.stttt in_progress>in_progress]" +
				" | events [cv.stttt in_progress 2030-03-11 gd.stttt in_progress 2030-03-11]"},
		{name: "extended in between", before: askExtension, between: approve,
			want: "in_progress v3 due 2030-04-30 progress 50 | reports [cv.stttt]" +
				" | history [cv.stttt assigned>in_progress] | events [cv.stttt in_progress 2030-04-30]"},
		{name: "returned in between", before: func(x f) { report(x, true) }, between: func(x f) { review(x, "returned") },
			want: "in_progress v4 due 2030-03-11 progress 50 | reports [cv.stttt gd.stttt]" +
				" | history [gd.stttt assigned>awaiting_review cv.stttt in_progress>in_progress]" +
				" | events [cv.stttt in_progress 2030-03-11 gd.stttt awaiting_review 2030-03-11]"},
		// the task as read takes the report, the stored one does not
		{name: "cancelled in between", between: cancel, wantErr: apperr.ErrConflict,
			want: "cancelled v2 due 2030-03-11 progress 0 | reports [] | history [] | events []"},
		{name: "final report in between", between: func(x f) { report(x, true) }, wantErr: apperr.ErrConflict,
			want: "awaiting_review v2 due 2030-03-11 progress 20 | reports [gd.stttt]" +
				" | history [gd.stttt assigned>awaiting_review] | events [gd.stttt awaiting_review 2030-03-11]"},
		// neither takes it
		{name: "completed in between", before: func(x f) { report(x, true) }, between: func(x f) { review(x, "accepted") },
			wantErr: apperr.ErrConflict, want: "completed v3 due 2030-03-11 progress 20 | reports [gd.stttt]" +
				" | history [gd.stttt assigned>awaiting_review] | events [gd.stttt awaiting_review 2030-03-11]"},
		{name: "awaiting review", before: func(x f) { report(x, true) }, wantErr: apperr.ErrConflict,
			want: "awaiting_review v2 due 2030-03-11 progress 20 | reports [gd.stttt]" +
				" | history [gd.stttt assigned>awaiting_review] | events [gd.stttt awaiting_review 2030-03-11]"},
	} {
		for name, dsn := range databases {
			t.Run(c.name+"/"+name, func(t *testing.T) {
				w := newWorld(t, dsn(t))
				x := f{t: t, w: w, id: "t1"}
				w.task(x.id, "stttt", "2030-03-11")
				if c.before != nil {
					c.before(x)
				}
				repos := w.repo.Repos()
				tasks := &racing{stored: repos.Tasks}
				if c.between != nil {
					tasks.between = func() { c.between(x) }
				}
				repos.Tasks = tasks
				a := app.New(app.Config{DB: w.db, Repos: repos, Source: "/eoffice/tasks"})

				in := app.ReportInput{ReportInput: domain.ReportInput{ProgressPercent: new(50), Summary: "Đã hoàn thành phần lớn", Final: &c.final}}
				r, err := a.SubmitReport(we, x.id, in)
				if c.wantErr != nil {
					if !errors.Is(err, c.wantErr) {
						t.Fatalf("err %v, want %v", err, c.wantErr)
					}
				} else if err != nil || r.ID == "" {
					t.Fatalf("report %+v, %v", r, err)
				}
				if tasks.between != nil {
					t.Fatal("the task was not read before the transaction")
				}
				if got := filed(t, w, x.id); got != c.want {
					t.Fatalf("\ngot  %s\nwant %s", got, c.want)
				}
			})
		}
	}
}

// filed sums up task id with its reports, the history of their filing and
// their events (reports and events sorted: equal times have no order).
func filed(t *testing.T, w *world, id string) string {
	t.Helper()
	ctx := context.Background()
	tk, err := w.repo.Task(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := w.repo.Reports(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var reports []string
	for _, r := range rs {
		reports = append(reports, r.AuthorUserID)
	}
	hs, err := w.repo.History(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var history []string
	for _, h := range hs {
		if h.Action == domain.ActionReportSubmitted {
			history = append(history, fmt.Sprintf("%s %s>%s", h.ActorUserID, h.FromStatus, h.ToStatus))
		}
	}
	rows, err := w.db.QueryContext(ctx, `SELECT type, data FROM outbox WHERE key = $1`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var evs []string
	for rows.Next() {
		var typ, data string
		if err := rows.Scan(&typ, &data); err != nil {
			t.Fatal(err)
		}
		if short, _ := events.Short(typ); short != events.TaskReportSubmitted {
			continue
		}
		var m eventsv1.TaskReportSubmitted
		if err := protojson.Unmarshal([]byte(data), &m); err != nil {
			t.Fatal(err)
		}
		evs = append(evs, fmt.Sprintf("%s %s %s", m.GetSubmittedBy(), m.GetTask().GetStatus(), m.GetTask().GetDueDate()))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(reports)
	slices.Sort(evs)
	return fmt.Sprintf("%s v%d due %s progress %d | reports %v | history %v | events %v",
		tk.Status, tk.Version, tk.DueDate, tk.ProgressPercent, reports, history, evs)
}
