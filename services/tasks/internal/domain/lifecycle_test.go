package domain

import (
	"errors"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/store"
)

// The status table: which action each status allows, and where it leads.
func TestLifecycleTable(t *testing.T) {
	now := at("2025-03-10T09:00:00+07:00")
	submitted := at("2025-03-09T10:00:00+07:00")
	final := Report{ID: "r", Final: true, SubmittedAt: submitted, ProgressPercent: 100}
	progress := Report{ID: "p", ProgressPercent: 40, SubmittedAt: submitted}
	type action struct {
		name string
		do   func(Task) (Task, error)
	}
	actions := []action{
		{"accept", func(t Task) (Task, error) { return t.Accept(now) }},
		{"progress report", func(t Task) (Task, error) { return t.SubmitReport(progress, now) }},
		{"final report", func(t Task) (Task, error) { return t.SubmitReport(final, now) }},
		{"accept final", func(t Task) (Task, error) { return t.Review(final, ReviewAccepted, now) }},
		{"return final", func(t Task) (Task, error) { return t.Review(final, ReviewReturned, now) }},
		{"review progress", func(t Task) (Task, error) { return t.Review(progress, ReviewAccepted, now) }},
		{"extend", func(t Task) (Task, error) { return t.Extend(MustDate("2025-04-30"), now) }},
		{"cancel", func(t Task) (Task, error) { return t.Cancel(now) }},
	}
	// want[status][action] = the status after, or "" for a 409.
	want := map[Status][]Status{
		StatusAssigned:       {StatusInProgress, StatusInProgress, StatusAwaitingReview, "", "", StatusAssigned, StatusAssigned, StatusCancelled},
		StatusInProgress:     {"", StatusInProgress, StatusAwaitingReview, "", "", StatusInProgress, StatusInProgress, StatusCancelled},
		StatusAwaitingReview: {"", "", "", StatusCompleted, StatusInProgress, StatusAwaitingReview, StatusAwaitingReview, StatusCancelled},
		StatusCompleted:      {"", "", "", "", "", "", "", ""},
		StatusCancelled:      {"", "", "", "", "", "", "", ""},
	}
	for _, st := range Statuses {
		for i, a := range actions {
			task := Task{ID: "t", Status: st, DueDate: MustDate("2025-03-31"), Version: 3}
			got, err := a.do(task)
			w := want[st][i]
			if w == "" {
				var ae *apperr.Error
				if !errors.As(err, &ae) || ae.Kind != apperr.ErrConflict || ae.CurrentStatus != string(st) {
					t.Errorf("%s on %s: %v, want a 409 naming %s", a.name, st, err, st)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s on %s: %v", a.name, st, err)
				continue
			}
			if got.Status != w || got.Version != 4 {
				t.Errorf("%s on %s: %s v%d, want %s v4", a.name, st, got.Status, got.Version, w)
			}
			if w != st && !st.CanMove(w) {
				t.Errorf("%s on %s: %s → %s is not in the transition table", a.name, st, st, w)
			}
		}
	}
	// Accepting a final report completes as of its submission, not the review.
	done, _ := Task{Status: StatusAwaitingReview, DueDate: MustDate("2025-03-09")}.Review(final, ReviewAccepted, now)
	if done.CompletedAt == nil || !done.CompletedAt.Equal(submitted) || done.Class(now) != ClassCompletedOnTime {
		t.Fatalf("completed %+v", done)
	}
	if _, err := (Task{Status: StatusAwaitingReview}).Review(Report{Final: true, Decision: ReviewAccepted}, ReviewAccepted, now); !errors.Is(err, apperr.ErrConflict) {
		t.Fatalf("a reviewed report reviewed again: %v", err)
	}
	if got, _ := (Task{Status: StatusAssigned}).SubmitReport(progress, now); got.ProgressPercent != 40 {
		t.Fatalf("progress %d", got.ProgressPercent)
	}
}

func TestDueEndUTCSuffix(t *testing.T) {
	for _, d := range []string{"2025-01-01", "2025-03-31", "2024-02-29", "2025-12-31"} {
		due := MustDate(d)
		if got, want := d+DueEndUTCSuffix, store.FormatTime(due.End()); got != want {
			t.Errorf("%s: %s, stored end %s", d, got, want)
		}
	}
}

func TestDaysBetween(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		n    int
	}{{"2025-03-10", "2025-03-13", 3}, {"2025-03-10", "2025-03-09", -1}, {"2025-02-27", "2025-03-01", 2}, {"2025-12-31", "2026-01-01", 1}} {
		if got := DaysBetween(MustDate(tt.a), MustDate(tt.b)); got != tt.n {
			t.Errorf("%s→%s = %d, want %d", tt.a, tt.b, got, tt.n)
		}
	}
}

func TestInputs(t *testing.T) {
	p := func(n int) *int { return &n }
	yes := true
	for name, tt := range map[string]struct {
		in    ReportInput
		field string
	}{
		"ok":           {ReportInput{ProgressPercent: p(0), Summary: "x", Final: &yes}, ""},
		"100":          {ReportInput{ProgressPercent: p(100), Summary: "x", Final: &yes}, ""},
		"101":          {ReportInput{ProgressPercent: p(101), Summary: "x", Final: &yes}, "progress_percent"},
		"-1":           {ReportInput{ProgressPercent: p(-1), Summary: "x", Final: &yes}, "progress_percent"},
		"no progress":  {ReportInput{Summary: "x", Final: &yes}, "progress_percent"},
		"blank":        {ReportInput{ProgressPercent: p(1), Summary: "  ", Final: &yes}, "summary"},
		"no final":     {ReportInput{ProgressPercent: p(1), Summary: "x"}, "final"},
		"long summary": {ReportInput{ProgressPercent: p(1), Summary: string(make([]rune, MaxSummary+1)), Final: &yes}, "summary"},
	} {
		_, err := NewReport(tt.in, "r", "t", "u", "unit", time.Now())
		var ae *apperr.Error
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if !errors.As(err, &ae) || len(ae.Fields) == 0 || ae.Fields[0].Field != tt.field {
			t.Errorf("%s: %v, want an error on %s", name, err, tt.field)
		}
	}
	if _, err := ParseDecision("returned", ""); err == nil {
		t.Error("returned without a comment")
	}
	if d, err := ParseDecision("accepted", ""); err != nil || d != ReviewAccepted {
		t.Errorf("accepted: %v", err)
	}
}

func TestPlaceRules(t *testing.T) {
	p := Place{AssignerAgency: "ubnd", AssigneeAgency: "sttt", AssigneeChain: []string{"sttt-bc", "sttt"}}
	task := Task{AssigneeUnitID: "sttt-bc"}
	v := func(unit, agency string, roles ...string) Viewer {
		return Viewer{UserID: "u", UnitID: unit, AgencyID: agency, Roles: roles}
	}
	tests := []struct {
		name                                   string
		v                                      Viewer
		sees, accept, member, delegate, review bool
		decide                                 bool
	}{
		{"specialist of the assignee unit", v("sttt-bc", "sttt", "specialist"), true, true, true, false, false, false},
		{"leader of the assignee unit", v("sttt-bc", "sttt", "leader"), true, true, true, true, false, false},
		{"leader of the agency above", v("sttt", "sttt", "leader"), true, true, false, true, false, false},
		{"specialist of the agency above", v("sttt", "sttt", "specialist"), true, false, false, false, false, false},
		{"leader of a sibling division", v("sttt-ks", "sttt", "leader"), true, false, false, false, false, false},
		{"leader of the assigner", v("ubnd", "ubnd", "leader"), true, false, false, false, true, true},
		{"specialist of the assigner", v("ubnd-vp", "ubnd", "specialist"), true, false, false, false, true, false},
		{"clerk of the assigner", v("ubnd", "ubnd", "clerk"), true, false, false, false, false, false},
		{"stranger", v("sgd", "sgd", "leader"), false, false, false, false, false, false},
	}
	for _, tt := range tests {
		got := []bool{p.Sees(tt.v), p.MayAccept(tt.v, task), p.IsMember(tt.v, task), p.MayDelegate(tt.v), p.MayReview(tt.v), p.MayDecideExtension(tt.v)}
		want := []bool{tt.sees, tt.accept, tt.member, tt.delegate, tt.review, tt.decide}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: rule %d = %v, want %v", tt.name, i, got[i], want[i])
			}
		}
	}
}
