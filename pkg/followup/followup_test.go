package followup

import (
	"testing"
	"time"
)

func TestClassAt(t *testing.T) {
	vn := time.FixedZone("ICT", 7*3600)
	day := func(d int) time.Time { return time.Date(2025, 3, d, 9, 0, 0, 0, vn) }
	at := func(d int) *time.Time { x := day(d); return &x }
	due := time.Date(2025, 3, 10, 23, 59, 59, 999999999, vn) // due 10/3
	for _, tt := range []struct {
		name    string
		s       Standing
		at      time.Time
		want    string
		counted bool
	}{
		{"open before the due date", Standing{Status: "in_progress"}, day(10), OpenWithinDeadline, true},
		{"open after it", Standing{Status: "in_progress"}, day(11), OpenOverdue, true},
		{"final on time, waiting past the due date", Standing{Status: "awaiting_review", FinalReportAt: at(9)}, day(20), AwaitingReview, true},
		{"final on time, waiting before the due date", Standing{Status: "awaiting_review", FinalReportAt: at(9)}, day(9), AwaitingReview, true},
		{"final late, waiting", Standing{Status: "awaiting_review", FinalReportAt: at(12)}, day(20), OpenOverdue, true},
		{"returned: the old final does not count", Standing{Status: "in_progress", FinalReportAt: at(9)}, day(20), OpenOverdue, true},
		{"completed on time", Standing{Status: "completed", CompletedAt: at(9), AcceptedAt: at(15)}, day(20), CompletedOnTime, true},
		{"completed late", Standing{Status: "completed", CompletedAt: at(12), AcceptedAt: at(15)}, day(20), CompletedLate, true},
		{"as of before acceptance, on time", Standing{Status: "completed", CompletedAt: at(9), AcceptedAt: at(15)}, day(14), AwaitingReview, true},
		{"as of before acceptance, late", Standing{Status: "completed", CompletedAt: at(12), AcceptedAt: at(15)}, day(14), OpenOverdue, true},
		{"as of before the final report", Standing{Status: "completed", CompletedAt: at(12), AcceptedAt: at(15)}, day(11), OpenOverdue, true},
		{"as of before the final report, in time", Standing{Status: "completed", CompletedAt: at(12), AcceptedAt: at(15)}, day(5), OpenWithinDeadline, true},
		{"old row without acceptance time", Standing{Status: "completed", CompletedAt: at(12)}, day(20), CompletedLate, true},
		{"cancelled before the due date", Standing{Status: "cancelled", CancelledAt: at(5)}, day(20), OpenWithinDeadline, false},
		{"cancelled after it", Standing{Status: "cancelled", CancelledAt: at(12)}, day(20), OpenOverdue, false},
		{"cancelled, time unknown", Standing{Status: "cancelled"}, day(20), OpenOverdue, false},
		{"cancelled later than as of", Standing{Status: "cancelled", CancelledAt: at(25)}, day(20), OpenOverdue, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.s.DueEnd = due
			got, counted := ClassAt(tt.s, tt.at)
			if got != tt.want || counted != tt.counted {
				t.Fatalf("ClassAt = %s, %v; want %s, %v", got, counted, tt.want, tt.counted)
			}
		})
	}
}

func TestTotals(t *testing.T) {
	tot := NewTotals()
	for _, m := range []Member{
		{Role: RoleLead, Class: OpenOverdue, Counted: true},
		{Role: RoleCooperate, Class: OpenOverdue, Counted: true},
		{Role: RoleCooperate, Class: AwaitingReview, Counted: true},
		{Role: RoleCooperate, Class: CompletedOnTime, Counted: false},                // cancelled
		{Role: RoleLead, Class: CompletedOnTime, Counted: true, ParentTaskID: "t-1"}, // delegated child
	} {
		tot.Add(m)
	}
	if tot.Counts != (Counts{OpenOverdue: 2, AwaitingReview: 1}) || tot.ByRole[RoleLead] != (Counts{OpenOverdue: 1}) ||
		tot.ByRole[RoleCooperate] != (Counts{OpenOverdue: 1, AwaitingReview: 1}) {
		t.Fatalf("totals %+v", tot)
	}
	if r := tot.OnTimeRate(); r == nil || *r != 0 {
		t.Fatalf("rate %v", r)
	}
}
