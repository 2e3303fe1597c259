package mail_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/mail"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/testsmtp"
)

// Two replicas' senders on one database send each e-mail once.
func TestTwoSendersSendEachOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, out := setup(t, db)
		srv := testsmtp.Start(t)
		const n = 20
		for i := range n {
			queue(t, db, s, fmt.Sprintf("n%02d", i), domain.UrgencyNormal, time.Now().UTC().Add(-time.Second))
		}
		var wg sync.WaitGroup
		for range 2 {
			snd := mail.NewSender(s, out, clearSMTP(t, srv.Addr), fast, quiet)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 5 {
					if _, err := snd.RunOnce(context.Background()); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		seen := map[string]int{}
		for _, m := range srv.Messages() {
			seen[m.To]++
		}
		if len(seen) != n {
			t.Fatalf("%d distinct recipients got mail, want %d", len(seen), n)
		}
		for to, c := range seen {
			if c != 1 {
				t.Errorf("%s got %d copies", to, c)
			}
		}
		if got := outboxTypes(t, db); len(got) != n {
			t.Fatalf("%d email.sent events, want %d", len(got), n)
		}
	})
}
