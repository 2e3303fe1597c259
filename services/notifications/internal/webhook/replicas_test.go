package webhook_test

import (
	"context"
	"sync"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
)

// Two replicas' deliverers on one database deliver each event once, and
// each delivery carries its event's id.
func TestTwoDeliverersDeliverEachOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		f := newFixture(t, db)
		f.hook(t, "w1", events.TaskAssigned)
		const n = 20
		want := map[string]bool{}
		for range n {
			ev := taskEvent(t)
			want[ev.ID] = true
			f.consume(t, ev)
		}
		var wg sync.WaitGroup
		for range 2 {
			d := webhook.NewDeliverer(f.s, f.out, webhook.Guard{AllowPrivate: true}, fast, quiet)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 3 {
					if _, err := d.RunOnce(context.Background()); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		f.recv.mu.Lock()
		defer f.recv.mu.Unlock()
		seen := map[string]int{}
		for _, ce := range f.recv.got {
			id, _ := ce["id"].(string)
			seen[id]++
		}
		if len(seen) != n {
			t.Fatalf("%d distinct events delivered, want %d", len(seen), n)
		}
		for id, c := range seen {
			if !want[id] || c != 1 {
				t.Errorf("event %s delivered %d times (known: %v)", id, c, want[id])
			}
		}
	})
}
