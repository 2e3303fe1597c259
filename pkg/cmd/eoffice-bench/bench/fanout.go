package bench

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// stores opens the stack's tasks and notifications databases to see what
// is stored without going through (and loading) their APIs.
type stores struct{ tasks, notifications *store.DB }

func openStores(ctx context.Context, s *Stack) (*stores, error) {
	t, err := store.Open(ctx, s.DBs["tasks"])
	if err != nil {
		return nil, err
	}
	n, err := store.Open(ctx, s.DBs["notifications"])
	if err != nil {
		t.Close()
		return nil, err
	}
	return &stores{t, n}, nil
}

func (s *stores) Close() { s.tasks.Close(); s.notifications.Close() }

func (s *stores) count(ctx context.Context, db *store.DB, q string, args ...any) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, q, args...).Scan(&n)
	return n, err
}

// Fanout issues a plan of items × 3 units (one lead, two cooperating) and
// returns assignments per second from the issue call until every task and
// every leader's notification is stored. It returns the plan's id too.
func Fanout(ctx context.Context, o *Org, items int, during func()) (float64, string, error) {
	st, err := openStores(ctx, o.st)
	if err != nil {
		return 0, "", err
	}
	defer st.Close()
	list := make([]documentsapi.Item, items)
	for i := range list {
		list[i] = documentsapi.Item{Title: fmt.Sprintf("Nhiệm vụ số %d của kế hoạch", i+1), LeadUnitID: o.Units[0],
			CooperatingUnitIDs: o.Units[1:], DueDate: dueDate()}
	}
	id, err := o.approved(ctx, documentsapi.NewDocument{Kind: "plan", Summary: "Kế hoạch đo tốc độ phân công",
		Recipients: o.Units, Items: list})
	if err != nil {
		return 0, "", err
	}
	before, err := st.count(ctx, st.notifications, `SELECT COUNT(*) FROM notifications WHERE type = 'task.assigned'`)
	if err != nil {
		return 0, "", err
	}
	want := items * len(o.Units)
	start := time.Now()
	if _, err := o.issue(ctx, id); err != nil {
		return 0, "", err
	}
	issued := time.Since(start)
	if during != nil {
		go during()
	}
	var tasksDone time.Duration // when the last task was stored
	deadline := start.Add(10 * time.Minute)
	for {
		tasks, err := st.count(ctx, st.tasks, `SELECT COUNT(*) FROM tasks WHERE source_document_id = $1`, id)
		if err != nil {
			return 0, "", err
		}
		notes, err := st.count(ctx, st.notifications, `SELECT COUNT(*) FROM notifications WHERE type = 'task.assigned'`)
		if err != nil {
			return 0, "", err
		}
		if tasks >= want && tasksDone == 0 {
			tasksDone = time.Since(start)
		}
		if tasks >= want && notes-before >= want {
			took := time.Since(start)
			// Where the time went: the issue call (the plan's signed PDF),
			// then the tasks, then the leaders' notifications.
			fmt.Fprintf(os.Stderr, "eoffice-bench: fan-out: issue answered after %s, tasks stored after %s, notifications after %s\n",
				issued.Round(time.Millisecond), tasksDone.Round(time.Millisecond), took.Round(time.Millisecond))
			return float64(want) / took.Seconds(), id, nil
		}
		if time.Now().After(deadline) {
			return 0, "", fmt.Errorf("fan-out: %d tasks, %d notifications of %d after 10 minutes", tasks, notes-before, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
