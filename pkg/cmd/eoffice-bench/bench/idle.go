package bench

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// quietFor is how long the inboxes must stay unchanged, with nothing left to
// send, for the stack to count as idle: a consumer handles an event within
// milliseconds, so a second without one means nothing is in flight.
const quietFor = time.Second

// WaitIdle returns once the stack has nothing left to do: every service's
// outbox relayed, no e-mail or webhook delivery due, and no consumer having
// handled an event for quietFor. It returns how long it waited and the
// backlog it first found ("" when none). A figure
// defined for a steady rate is taken from an idle stack, not from the tail
// of the previous phase's backlog.
func (s *Stack) WaitIdle(ctx context.Context, timeout time.Duration) (waited time.Duration, found string, err error) {
	start := time.Now()
	var dbs []*store.DB
	defer func() {
		for _, db := range dbs {
			db.Close()
		}
	}()
	for _, name := range []string{"identity", "documents", "tasks", "notifications"} {
		db, err := store.Open(ctx, s.DSN(name))
		if err != nil {
			return 0, "", fmt.Errorf("wait idle: %w", err)
		}
		dbs = append(dbs, db)
	}
	handled, quietSince := -1, time.Now()
	for first := true; ; first = false {
		busy, n, err := backlog(ctx, dbs, s.bulk)
		if err != nil {
			return 0, "", fmt.Errorf("wait idle: %w", err)
		}
		if first {
			found = busy
		}
		now := time.Now()
		if busy != "" || n != handled {
			handled, quietSince = n, now
		} else if now.Sub(quietSince) >= quietFor {
			return now.Sub(start), found, nil
		}
		if now.Sub(start) > timeout {
			return 0, "", fmt.Errorf("stack not idle after %s: %s", timeout, busy)
		}
		select {
		case <-ctx.Done():
			return 0, "", ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// backlog names what is left to send ("" when nothing) and counts the
// events the consumers have handled so far.
func backlog(ctx context.Context, dbs []*store.DB, bulk bool) (busy string, handled int, err error) {
	now := store.FormatTime(time.Now())
	queues := []struct{ what, q string }{
		{"outbox", `SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL`},
		{"e-mail", `SELECT COUNT(*) FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= '` + now + `'`},
		{"webhook", `SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= '` + now + `'`},
		{"pdf", `SELECT COUNT(*) FROM pdf_jobs WHERE not_before <= '` + now + `'`}, // issued documents' PDFs left to PDFWorker
		{"inbox", `SELECT COUNT(*) FROM inbox`},
	}
	for _, db := range dbs {
		for _, q := range queues {
			if q.what == "inbox" && db.Dialect == store.SQLite {
				// Inbox rows are never deleted, so the last rowid moves
				// with every handled event; counting them scanned the
				// whole inbox ten times a second (a million rows in a
				// province's year).
				q.q = `SELECT COALESCE(MAX(rowid), 0) FROM inbox`
			}
			// A bulk load (the province) sends no mail and leaves its PDFs
			// queued (EOFFICE_DOCUMENTS_PDF_PAUSED): waiting for either
			// would never end.
			if bulk && (q.what == "e-mail" || q.what == "pdf") {
				continue
			}
			var n int
			if err := db.QueryRowContext(ctx, q.q).Scan(&n); err != nil {
				if strings.Contains(err.Error(), "no such table") || strings.Contains(err.Error(), "does not exist") {
					continue // not this service's queue
				}
				return "", 0, fmt.Errorf("%s: %w", q.what, err)
			}
			if q.what == "inbox" {
				handled += n
			} else if n > 0 {
				busy += fmt.Sprintf("%d %s rows pending; ", n, q.what)
			}
		}
	}
	return strings.TrimSuffix(busy, "; "), handled, nil
}
