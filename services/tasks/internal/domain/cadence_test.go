package domain

import (
	"fmt"
	"testing"
	"time"
)

func TestReportRequests(t *testing.T) {
	task := func(created, due string) Task {
		c := MustDate(created)
		return Task{ID: "t1", CreatedAt: c.start().Add(9 * time.Hour), DueDate: MustDate(due)}
	}
	n := 0
	newID := func() string { n++; return fmt.Sprintf("r%d", n) }
	for _, tt := range []struct {
		cadence, created, due string
		want                  []string // period start..end due
	}{
		{"monthly", "2026-03-10", "2026-05-20", []string{"2026-03 2026-03-01..2026-03-31 2026-03-31", "2026-04 2026-04-01..2026-04-30 2026-04-30",
			"2026-05 2026-05-01..2026-05-31 2026-05-20"}},
		{"quarterly", "2026-02-15", "2026-12-31", []string{"2026-Q1 2026-01-01..2026-03-31 2026-03-31", "2026-Q2 2026-04-01..2026-06-30 2026-06-30",
			"2026-Q3 2026-07-01..2026-09-30 2026-09-30", "2026-Q4 2026-10-01..2026-12-31 2026-12-31"}},
		// Assigned on Saturday 7/3/2026: that week's Friday has passed.
		{"weekly", "2026-03-07", "2026-03-18", []string{"2026-W11 2026-03-09..2026-03-15 2026-03-13", "2026-W12 2026-03-16..2026-03-22 2026-03-18"}},
		{"dates:2026-01-15,2026-04-15,2026-09-30", "2026-03-01", "2026-06-30", []string{"2026-04-15 2026-04-15..2026-04-15 2026-04-15"}},
		{"none", "2026-03-01", "2026-06-30", nil},
		{"", "2026-03-01", "2026-06-30", nil},
	} {
		t.Run(tt.cadence, func(t *testing.T) {
			c, err := ParseCadence(tt.cadence)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range c.ReportRequests(task(tt.created, tt.due), newID) {
				got = append(got, fmt.Sprintf("%s %s..%s %s", r.Period, r.PeriodStart, r.PeriodEnd, r.DueDate))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Fatalf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
	for _, bad := range []string{"daily", "dates:2026-02-30", "dates:"} {
		if _, err := ParseCadence(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestReportRequestState(t *testing.T) {
	due := MustDate("2026-03-31")
	at := func(s string) *time.Time { d := MustDate(s).start().Add(10 * time.Hour); return &d }
	now := *at("2026-04-05")
	for _, tt := range []struct {
		name string
		r    ReportRequest
		st   Status
		want string
	}{
		{"answered on time", ReportRequest{DueDate: due, ReportID: "x", ReportedAt: at("2026-03-31")}, StatusInProgress, RequestReportedOnTime},
		{"answered late", ReportRequest{DueDate: due, ReportID: "x", ReportedAt: at("2026-04-01")}, StatusInProgress, RequestReportedLate},
		{"missing", ReportRequest{DueDate: due}, StatusInProgress, RequestOverdue},
		{"not due yet", ReportRequest{DueDate: MustDate("2026-04-30")}, StatusInProgress, RequestPending},
		{"task done without it", ReportRequest{DueDate: due}, StatusCompleted, RequestNotReported},
	} {
		if got := tt.r.State(tt.st, now); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}
