package domain

import (
	"testing"
	"time"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr(t time.Time) *time.Time { return &t }

func TestClassify(t *testing.T) {
	due := MustDate("2025-03-31")
	tests := []struct {
		name      string
		status    Status
		completed *time.Time
		cancelled *time.Time
		now       time.Time
		want      Class
	}{
		// Completed: completed_at against 2025-03-31T23:59:59.999999999+07:00.
		{"completed at the last second", StatusCompleted, ptr(at("2025-03-31T23:59:59+07:00")), nil, at("2025-06-01T00:00:00Z"), ClassCompletedOnTime},
		{"completed at the last nanosecond", StatusCompleted, ptr(at("2025-03-31T23:59:59.999999999+07:00")), nil, at("2025-06-01T00:00:00Z"), ClassCompletedOnTime},
		{"completed at the next midnight", StatusCompleted, ptr(at("2025-04-01T00:00:00+07:00")), nil, at("2025-06-01T00:00:00Z"), ClassCompletedLate},
		{"completed one ms late", StatusCompleted, ptr(at("2025-04-01T00:00:00.001+07:00")), nil, at("2025-06-01T00:00:00Z"), ClassCompletedLate},
		{"completed late in UTC terms is on time in Hanoi", StatusCompleted, ptr(at("2025-03-31T16:59:59Z")), nil, at("2025-06-01T00:00:00Z"), ClassCompletedOnTime},
		{"completed 17:00Z is the next day in Hanoi", StatusCompleted, ptr(at("2025-03-31T17:00:00Z")), nil, at("2025-06-01T00:00:00Z"), ClassCompletedLate},
		{"completed early", StatusCompleted, ptr(at("2025-01-02T08:00:00+07:00")), nil, at("2025-06-01T00:00:00Z"), ClassCompletedOnTime},
		{"completed on time stays on time however late it is read", StatusCompleted, ptr(at("2025-03-30T10:00:00+07:00")), nil, at("2030-01-01T00:00:00Z"), ClassCompletedOnTime},

		// Open: now against the same end.
		{"assigned, read at the last second", StatusAssigned, nil, nil, at("2025-03-31T23:59:59+07:00"), ClassOpenWithinDeadline},
		{"assigned, read at the last nanosecond", StatusAssigned, nil, nil, at("2025-03-31T23:59:59.999999999+07:00"), ClassOpenWithinDeadline},
		{"assigned, read at the next midnight", StatusAssigned, nil, nil, at("2025-04-01T00:00:00+07:00"), ClassOpenOverdue},
		{"in progress, read 16:59:59Z on the due date", StatusInProgress, nil, nil, at("2025-03-31T16:59:59Z"), ClassOpenWithinDeadline},
		{"in progress, read 17:00Z on the due date", StatusInProgress, nil, nil, at("2025-03-31T17:00:00Z"), ClassOpenOverdue},
		{"awaiting review is still open", StatusAwaitingReview, nil, nil, at("2025-04-02T09:00:00+07:00"), ClassOpenOverdue},
		{"awaiting review within the deadline", StatusAwaitingReview, nil, nil, at("2025-03-01T09:00:00+07:00"), ClassOpenWithinDeadline},

		// Cancelled: the open class frozen at cancellation.
		{"cancelled in time stays within the deadline", StatusCancelled, nil, ptr(at("2025-03-31T23:59:59+07:00")), at("2026-01-01T00:00:00Z"), ClassOpenWithinDeadline},
		{"cancelled after the deadline", StatusCancelled, nil, ptr(at("2025-04-01T00:00:00+07:00")), at("2026-01-01T00:00:00Z"), ClassOpenOverdue},
		{"cancelled without a time uses now", StatusCancelled, nil, nil, at("2025-04-01T00:00:00+07:00"), ClassOpenOverdue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Classify(tt.status, due, tt.completed, tt.cancelled, tt.now)
			if got != tt.want {
				t.Fatalf("Classify = %s, want %s", got, tt.want)
			}
			task := Task{Status: tt.status, DueDate: due, CompletedAt: tt.completed, CancelledAt: tt.cancelled}
			if c := task.Class(tt.now); c != got {
				t.Fatalf("Task.Class = %s, Classify = %s", c, got)
			}
		})
	}
}

func TestCounted(t *testing.T) {
	for _, s := range Statuses {
		if got, want := Counted(s), s != StatusCancelled; got != want {
			t.Errorf("Counted(%s) = %v, want %v", s, got, want)
		}
	}
}

// The overdue filter of queries must agree with Classify for open tasks.
func TestOverdueBeforeAgreesWithClassify(t *testing.T) {
	nows := []time.Time{
		at("2025-03-31T00:00:00+07:00"),
		at("2025-03-31T23:59:59.999999999+07:00"),
		at("2025-04-01T00:00:00+07:00"),
		at("2025-03-31T16:59:59Z"),
		at("2025-03-31T17:00:00Z"),
		at("2025-12-31T23:30:00Z"),
	}
	dues := []string{"2025-03-30", "2025-03-31", "2025-04-01", "2026-01-01"}
	for _, now := range nows {
		for _, d := range dues {
			due := MustDate(d)
			byQuery := due.Before(OverdueBefore(now))
			byClass := Classify(StatusAssigned, due, nil, nil, now) == ClassOpenOverdue
			if byQuery != byClass {
				t.Errorf("now %s due %s: query says overdue=%v, Classify says %v", now, d, byQuery, byClass)
			}
		}
	}
}
