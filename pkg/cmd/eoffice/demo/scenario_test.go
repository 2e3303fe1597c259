package demo

import (
	"strings"
	"testing"
	"time"
)

func TestShiftYears(t *testing.T) {
	tests := []struct {
		in    string
		years int
		want  string
	}{
		{"2022-06-30", 4, "2026-06-30"},
		{"2022-12-31", 4, "2026-12-31"},
		{"2024-02-29", 1, "2025-02-28"},
		{"2024-02-29", 4, "2028-02-29"},
		{"", 4, ""},
		{"2022-06-30", 0, "2022-06-30"},
	}
	for _, tt := range tests {
		if got, err := ShiftYears(tt.in, tt.years); err != nil || got != tt.want {
			t.Errorf("%s +%d: got %q, %v; want %q", tt.in, tt.years, got, err, tt.want)
		}
	}
	if _, err := ShiftYears("30/06/2022", 1); err == nil {
		t.Error("a bad date shifted")
	}
}

func TestShippedScenario(t *testing.T) {
	sc, err := Load("../../../../scripts/demo/papi-khanhhoa-2022.json")
	if err != nil {
		t.Fatal(err)
	}
	if sc.PlanTasks() != 21 || len(sc.Reports) != 3 || len(sc.Users) != 20 || len(sc.Units) != 16 {
		t.Fatalf("tasks %d, reports %d, users %d, units %d", sc.PlanTasks(), len(sc.Reports), len(sc.Users), len(sc.Units))
	}
	// Just after midnight of 1 January in Viet Nam it is still the old
	// year in UTC: the story follows Viet Nam's calendar.
	newYear := time.Date(2026, 12, 31, 17, 30, 0, 0, time.UTC)
	if got := sc.YearsToNow(newYear); got != 5 {
		t.Fatalf("years to 2027-01-01 00:30 ICT: %d", got)
	}
	if sc.member("stttt_ttbc") != "tp.ttbc" || sc.member("vp_ubnd") != "vt.ubnd" || sc.member("stc") != "ld.stc" {
		t.Fatalf("members %q %q", sc.member("stttt_ttbc"), sc.member("vp_ubnd"))
	}
}

func TestCheckFindsBrokenReferences(t *testing.T) {
	sc, err := Load("../../../../scripts/demo/papi-khanhhoa-2022.json")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(*Scenario)
		want   string
	}{
		{"unknown recipient", func(s *Scenario) { s.Directive.Recipients = append(s.Directive.Recipients, "mars") }, `directive.recipients: unit "mars"`},
		{"unknown lead", func(s *Scenario) { s.Plan.Items[2].Lead = "nobody" }, `plan.items[2].lead: unit "nobody"`},
		{"unknown approver", func(s *Scenario) { s.Plan.ApprovedBy = "ghost" }, `plan.approved_by: user "ghost"`},
		{"report on a missing item", func(s *Scenario) { s.Reports[0].Item = 9 }, "the plan has no item 9"},
		{"bad date", func(s *Scenario) { s.Plan.Items[0].DueDate = "30/06/2022" }, "not YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := sc
			c.Plan.Items = append([]Item(nil), sc.Plan.Items...)
			c.Reports = append([]Report(nil), sc.Reports...)
			c.Directive.Recipients = append([]string(nil), sc.Directive.Recipients...)
			tt.change(&c)
			if err := c.Check(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestReportCurrent(t *testing.T) {
	body := "1. A\n- Tiến độ: 100%\n2. B\n- Tiến độ: 0%\n"
	tests := []struct {
		want []int
		ok   bool
	}{
		{[]int{100, 0}, true},
		{[]int{100, 40}, false},
		{[]int{1, 2, 3}, true}, // another layout: taken as it is
	}
	for _, tt := range tests {
		if got := reportCurrent(body, tt.want); got != tt.ok {
			t.Errorf("%v: got %v", tt.want, got)
		}
	}
}
