package consumer_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// A task delegated to a named person tells that person and the unit's
// leaders (DOMAIN.md: "the assignee and its leader"), not the unit's other
// specialists; deactivated people never, and nobody twice.
func TestNamedPersonRecipients(t *testing.T) {
	named := func(user string) *eventsv1.TaskRef {
		r := ref()
		r.AssigneeUserId = user
		return r
	}
	assigned := func(user string) *eventsv1.TaskAssigned {
		m := taskAssigned("stttt")
		m.AssigneeUserId, m.AssignerUserId = user, "l1"
		return m
	}
	tests := []struct {
		name    string
		short   string
		payload proto.Message
		want    []string
		person  string // the name the body gives, "" for none
	}{
		{"assigned to the unit: its leaders", events.TaskAssigned, assigned(""), []string{"l1"}, ""},
		{"assigned to a person: them and the leaders", events.TaskAssigned, assigned("s"), []string{"l1", "s"}, "Người s"},
		{"due soon of the unit: leaders and every specialist", events.TaskDueSoon, &eventsv1.TaskDueSoon{Task: ref(), DaysLeft: 3},
			[]string{"l1", "s", "s2"}, ""},
		{"due soon of a person: not the other specialists", events.TaskDueSoon, &eventsv1.TaskDueSoon{Task: named("s"), DaysLeft: 3},
			[]string{"l1", "s"}, "Người s"},
		{"overdue", events.TaskOverdue, &eventsv1.TaskOverdue{Task: named("s"), DaysOverdue: 2}, []string{"l1", "s"}, "Người s"},
		{"periodic report due of a person", events.TaskReportDue,
			&eventsv1.TaskReportDue{Task: named("s"), RequestId: "rq-1", Period: "2022-12", DueDate: "2022-12-30", Kind: "due_soon", Days: 0},
			[]string{"l1", "s"}, "Người s"},
		{"report returned", events.TaskReportReviewed,
			&eventsv1.TaskReportReviewed{Task: named("s"), ReportId: "r1", Decision: "returned", Comment: "Bổ sung"}, []string{"l1", "s"}, "Người s"},
		{"report accepted", events.TaskReportReviewed,
			&eventsv1.TaskReportReviewed{Task: named("s"), ReportId: "r2", Decision: "accepted", Final: true}, []string{"l1", "s"}, "Người s"},
		{"extension decided", events.TaskExtensionDecided,
			&eventsv1.TaskExtensionDecided{Task: named("s"), Approved: false, PreviousDueDate: "2022-12-31", RequestedDueDate: "2023-01-31"},
			[]string{"l1", "s"}, "Người s"},
		{"cancelled", events.TaskCancelled, &eventsv1.TaskCancelled{Task: named("s"), Reason: "Thu hồi"}, []string{"l1", "s"}, "Người s"},
		{"a deactivated person is skipped", events.TaskDueSoon, &eventsv1.TaskDueSoon{Task: named("x"), DaysLeft: 1}, []string{"l1"}, ""},
		{"a deactivated person, task assigned", events.TaskAssigned, assigned("x"), []string{"l1"}, ""},
		{"the person is a leader too: told once", events.TaskOverdue, &eventsv1.TaskOverdue{Task: named("l1"), DaysOverdue: 1}, []string{"l1"}, "Người l1"},
	}
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		rulesDirectory(f)
		f.user("s2", "stttt", "specialist")
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				f.t = t
				clearNotifications(t, db)
				ev := f.event(tt.short, "agg", now, tt.payload)
				f.mustHandle(ev)
				f.mustHandle(ev) // redelivered: nobody is told twice
				got := namedNotified(t, f)
				var who []string
				for p, bodies := range got {
					who = append(who, p)
					if len(bodies) != 1 {
						t.Errorf("%s told %d times", p, len(bodies))
					}
					if has := strings.Contains(bodies[0], "Người thực hiện: "); has != (tt.person != "") ||
						(tt.person != "" && !strings.Contains(bodies[0], "Người thực hiện: "+tt.person+".")) {
						t.Errorf("%s: body %q, want person %q", p, bodies[0], tt.person)
					}
				}
				slices.Sort(who)
				if !slices.Equal(who, tt.want) {
					t.Fatalf("notified %v, want %v", who, tt.want)
				}
				for _, p := range tt.want {
					mails, err := f.store.EmailsTo(context.Background(), p)
					if err != nil {
						t.Fatal(err)
					}
					if len(mails) != 1 || mails[0].CauseEventID != ev.ID {
						t.Errorf("%s: e-mails %+v", p, mails)
					}
				}
			})
		}

		// A person the directory has not heard of is lag while the event is
		// recent (retried); after the longest lag the leaders are told alone.
		t.Run("unknown person", func(t *testing.T) {
			f.t = t
			clearNotifications(t, db)
			recent := f.event(events.TaskDueSoon, "agg", now, &eventsv1.TaskDueSoon{Task: named("ghost"), DaysLeft: 2})
			if err := f.handle(recent); !errors.Is(err, app.ErrRecipientsNotYetKnown) {
				t.Fatalf("recent event: %v, want ErrRecipientsNotYetKnown", err)
			}
			if got := namedNotified(t, f); len(got) != 0 {
				t.Fatalf("told %v while retrying", got)
			}
			old := f.event(events.TaskDueSoon, "agg", now.Add(-time.Minute), &eventsv1.TaskDueSoon{Task: named("ghost"), DaysLeft: 2})
			f.mustHandle(old)
			var who []string
			for p := range namedNotified(t, f) {
				who = append(who, p)
			}
			if !slices.Equal(who, []string{"l1"}) {
				t.Fatalf("after the longest lag told %v, want [l1]", who)
			}
		})
	})
}

func clearNotifications(t *testing.T, db *pkgstore.DB) {
	t.Helper()
	err := db.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
		for _, q := range []string{`DELETE FROM notifications`, `DELETE FROM email_outbox`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// namedNotified is the bodies told to each person of the rules directory.
func namedNotified(t *testing.T, f *fixture) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, p := range []string{"l1", "l2", "c", "s", "s2", "d", "lb", "lp", "x"} {
		items, _, err := f.store.List(context.Background(), domain.NotificationFilter{UserID: p, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range items {
			out[p] = append(out[p], n.Body)
		}
	}
	return out
}
