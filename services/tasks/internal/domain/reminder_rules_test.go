package domain

import (
	"fmt"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/workdays"
)

func TestReminderSteps(t *testing.T) {
	r := DefaultReminderRules("a")
	cal := workdays.Weekends()
	due := MustDate("2026-03-11") // a Wednesday
	tests := []struct {
		today, want string
	}{
		{"2026-03-04", "[]"},                      // 5 working days left
		{"2026-03-06", "[{due_soon before_3 3}]"}, // Friday: 3 left
		{"2026-03-07", "[]"},                      // Saturday: nothing
		{"2026-03-09", "[{due_soon before_3 2}]"}, // still the 3-day step
		{"2026-03-10", "[{due_soon before_1 1}]"},
		{"2026-03-11", "[{due_soon due_day 0}]"},
		{"2026-03-12", "[{overdue overdue_1 -1}]"},
		{"2026-03-13", "[{overdue overdue_1 -2}]"},
		{"2026-03-16", "[{overdue overdue_3 -3}]"},
		{"2026-03-18", "[{overdue overdue_5 -5} {escalate escalate -5}]"},
		{"2026-03-25", "[{overdue overdue_9 -10} {escalate escalate -10}]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(r.Steps(cal, MustDate(tt.today), due)); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.today, got, tt.want)
		}
	}
}

func TestReminderRulesValidate(t *testing.T) {
	tests := []struct {
		r  ReminderRules
		ok bool
	}{
		{DefaultReminderRules("a"), true},
		{ReminderRules{BeforeDays: []int{1, 5}, RepeatEvery: 1, EscalateAfter: 1}, true},
		{ReminderRules{BeforeDays: []int{0}, RepeatEvery: 1, EscalateAfter: 1}, false},
		{ReminderRules{BeforeDays: []int{2, 2}, RepeatEvery: 1, EscalateAfter: 1}, false},
		{ReminderRules{RepeatEvery: 0, EscalateAfter: 1}, false},
		{ReminderRules{RepeatEvery: 2, EscalateAfter: 0}, false},
	}
	for i, tt := range tests {
		if err := tt.r.Validate(); (err == nil) != tt.ok {
			t.Errorf("%d: %v, want ok %v", i, err, tt.ok)
		}
	}
	r := ReminderRules{BeforeDays: []int{1, 5, 3}, RepeatEvery: 1, EscalateAfter: 1}
	_ = r.Validate()
	if fmt.Sprint(r.BeforeDays) != "[5 3 1]" {
		t.Errorf("sorted %v", r.BeforeDays)
	}
}
