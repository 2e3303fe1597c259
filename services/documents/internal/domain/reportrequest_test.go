package domain

import (
	"testing"
	"time"
)

// TestReportRequestState: the tasks service's rule, read from the read
// model: answered on time or late, else pending until the due day ends
// (Vietnam's calendar), then overdue while the task is open and not
// waiting for review, else not reported.
func TestReportRequestState(t *testing.T) {
	due := "2026-03-31"
	// 31 March 23:30 in Vietnam is still the due day; 1 April 00:30 is not.
	onDueDay := time.Date(2026, 3, 31, 16, 30, 0, 0, time.UTC)
	after := time.Date(2026, 3, 31, 17, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		r    ReportRequest
		now  time.Time
		want string
	}{
		{"answered on time", ReportRequest{DueDate: due, ReportID: "r", TaskStatus: "in_progress"}, after, RequestReportedOnTime},
		{"answered late", ReportRequest{DueDate: due, ReportID: "r", Late: true, TaskStatus: "completed"}, after, RequestReportedLate},
		{"due day", ReportRequest{DueDate: due, TaskStatus: "in_progress"}, onDueDay, RequestPending},
		{"past, open", ReportRequest{DueDate: due, TaskStatus: "in_progress"}, after, RequestOverdue},
		{"past, status not known yet", ReportRequest{DueDate: due}, after, RequestOverdue},
		{"past, awaiting review", ReportRequest{DueDate: due, TaskStatus: "awaiting_review"}, after, RequestNotReported},
		{"past, completed", ReportRequest{DueDate: due, TaskStatus: "completed"}, after, RequestNotReported},
	} {
		if got := c.r.State(c.now); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
