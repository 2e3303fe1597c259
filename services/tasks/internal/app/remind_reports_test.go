package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// TestReportRequestsFollowTheRules follows two monthly report requests of
// one task across 20 days (March due Tuesday 31/3/2026, April due Thursday
// 30/4, default rules, weekends off) through two replicas and a restart:
// March gets exactly its rule's reminders over working days and nothing
// once its report is in; April, 16 working days off, gets none yet.
func TestReportRequestsFollowTheRules(t *testing.T) {
	for name, dsn := range databases {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t, dsn(t))
			w.task("rt", "stttt", "2026-12-31")
			created := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
			w.tx(func(ctx context.Context, tx *store.Tx) error {
				_, err := w.repo.CreateReportRequests(ctx, tx, []domain.ReportRequest{
					{ID: "rq-3", TaskID: "rt", Period: "2026-03", PeriodStart: domain.MustDate("2026-03-01"), PeriodEnd: domain.MustDate("2026-03-31"),
						DueDate: domain.MustDate("2026-03-31"), CreatedAt: created},
					{ID: "rq-4", TaskID: "rt", Period: "2026-04", PeriodStart: domain.MustDate("2026-04-01"), PeriodEnd: domain.MustDate("2026-04-30"),
						DueDate: domain.MustDate("2026-04-30"), CreatedAt: created},
				})
				return err
			})
			for _, now := range days("2026-03-20", 20) { // Friday 20/3 to Wednesday 8/4
				if now.Day() == 2 && now.Hour() == 8 {
					w.apps[0] = replica(w.db) // a restart
				}
				if now.Day() == 7 && now.Hour() == 8 { // Tuesday 7/4, before overdue_5
					w.tx(func(ctx context.Context, tx *store.Tx) error {
						id, err := w.repo.AnswerReportRequest(ctx, tx, "rt", "rp-3", now)
						if err == nil && id != "rq-3" {
							t.Errorf("answered request %q, want rq-3", id)
						}
						return err
					})
				}
				w.tick(now)
			}
			var got []string
			for _, s := range w.sent() {
				if strings.HasPrefix(s, "rt ") {
					got = append(got, s)
				}
			}
			want := []string{ // sorted
				"rt report 2026-03 2026-03-31 due_soon 0", // due day, Tuesday 31/3
				"rt report 2026-03 2026-03-31 due_soon 1", // before_1, Monday 30/3
				"rt report 2026-03 2026-03-31 due_soon 3", // before_3, Thursday 26/3
				"rt report 2026-03 2026-03-31 overdue 1",  // Wednesday 1/4
				"rt report 2026-03 2026-03-31 overdue 3",  // Friday 3/4; reported Tuesday 7/4
			}
			if !slices.Equal(got, want) {
				t.Fatalf("sent\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestAwaitingReviewIsNotOverdue: a task whose final report came in on
// time and waits for review gets no reminder, no escalation, and is not
// listed as overdue in another's escalation; one reported late is still
// overdue.
func TestAwaitingReviewIsNotOverdue(t *testing.T) {
	for name, dsn := range databases {
		t.Run(name, func(t *testing.T) {
			w := newWorld(t, dsn(t))
			onTime := w.task("ontime", "stttt", "2026-03-11")
			late := w.task("late", "stttt", "2026-03-11")
			reported := time.Date(2026, 3, 11, 16, 0, 0, 0, domain.Zone) // the due day's afternoon
			w.change(&onTime, func(tk *domain.Task) {
				tk.Status, tk.FinalReportAt, tk.UpdatedAt = domain.StatusAwaitingReview, &reported, reported
			})
			for _, now := range days("2026-03-12", 9) { // Thursday 12/3 to Friday 20/3
				if now.Day() == 13 && now.Hour() == 8 { // reported a day late
					w.change(&late, func(tk *domain.Task) {
						at := now
						tk.Status, tk.FinalReportAt, tk.UpdatedAt = domain.StatusAwaitingReview, &at, at
					})
				}
				w.tick(now)
			}
			got := w.sent()
			want := []string{
				// the digest lists open tasks, the one awaiting review too
				"digest gd.stttt 2026-03-16..2026-03-22 [late ontime]",
				"late escalate 5 to gd.ubnd unit[late] mine[late]",
				"late overdue_1 1",
				"late overdue_3 3",
				"late overdue_5 5",
				"late overdue_7 7",
			}
			if !slices.Equal(got, want) {
				t.Fatalf("sent\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
