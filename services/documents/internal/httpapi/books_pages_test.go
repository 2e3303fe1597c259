package httpapi_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// TestRegisterPages: with ?limit= a register comes a page at a time, in
// its order, and walking every page's next_cursor gives exactly the whole
// register, filters included; across the outgoing register's series too.
// A bad limit or cursor, or paging a file, is a 400 problem.
func TestRegisterPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		docs := incomingYear(23)
		at := time.Date(2026, 4, 1, 9, 0, 0, 0, domain.Zone)
		// Outgoing: 9 general, 4 normative and 3 copies, seeded out of
		// order; the register lists general, normative, then copies.
		for i, s := range []struct {
			series string
			n      int
		}{{domain.SeriesNormative, 4}, {"copy_BSY", 3}, {domain.SeriesGeneral, 9}} {
			for n := s.n; n >= 1; n-- {
				docs = append(docs, testenv.Seeded{ID: fmt.Sprintf("out-%s-%d", s.series, n), Kind: "plan", IssuerUnitID: id("UBND"),
					DraftingUnitID: id("KT"), Summary: "Kế hoạch", Series: s.series, Number: int64(n), SignerID: "u-ubnd-ld",
					Notation: fmt.Sprintf("%d/KH-UBND", n), IssuedAt: at.Add(time.Duration(i*10+n) * time.Hour), IssuedBy: "u-ubnd-vt",
					Recipients: outgoingTo(n)})
			}
		}
		testenv.Seed(t, db, docs)
		key := func(it documentsapi.RegisterEntry) string { return fmt.Sprintf("%s/%d", it.Series, it.Number) }
		tests := []struct {
			book, query string
			limit       int
			wantFirst   string // the whole register's first entry, a check on what is compared
			wantLen     int
		}{
			{"incoming", "", 5, "incoming/1", 23},
			{"incoming", "", 23, "incoming/1", 23}, // one full page: no cursor after it
			{"incoming", "sender=cong%20an", 3, "incoming/1", 8},
			{"outgoing", "", 4, "general/1", 16},
			{"outgoing", "", 1, "general/1", 16},
			{"outgoing", "recipient=noi%20vu", 2, "general/1", 11},
		}
		for _, tc := range tests {
			name := fmt.Sprintf("%s %s by %d", tc.book, tc.query, tc.limit)
			var whole documentsapi.Register
			c.must(200, "GET", registerURL(tc.book, tc.query), "ubnd.vt", nil, &whole)
			if len(whole.Items) != tc.wantLen || key(whole.Items[0]) != tc.wantFirst || whole.NextCursor != "" {
				t.Fatalf("%s: the whole register has %d entries from %s (cursor %q)", name, len(whole.Items), key(whole.Items[0]), whole.NextCursor)
			}
			var walked []string
			cursor, pages := "", 0
			for {
				var page documentsapi.Register
				q := tc.query + fmt.Sprintf("&limit=%d", tc.limit)
				if cursor != "" {
					q += "&cursor=" + url.QueryEscape(cursor)
				}
				c.must(200, "GET", registerURL(tc.book, q), "ubnd.vt", nil, &page)
				pages++
				if len(page.Items) > tc.limit || (page.NextCursor != "" && len(page.Items) != tc.limit) || pages > tc.wantLen+1 {
					t.Fatalf("%s: page %d has %d entries, cursor %q", name, pages, len(page.Items), page.NextCursor)
				}
				for _, it := range page.Items {
					walked = append(walked, key(it))
				}
				if cursor = page.NextCursor; cursor == "" {
					break
				}
			}
			var want []string
			for _, it := range whole.Items {
				want = append(want, key(it))
			}
			if strings.Join(walked, " ") != strings.Join(want, " ") {
				t.Errorf("%s: pages walked\n%v\nwant\n%v", name, walked, want)
			}
			if wantPages := (tc.wantLen + tc.limit - 1) / tc.limit; pages != wantPages {
				t.Errorf("%s: %d pages, want %d", name, pages, wantPages)
			}
		}
		var first documentsapi.Register
		c.must(200, "GET", registerURL("outgoing", "limit=2"), "ubnd.vt", nil, &first)
		for _, q := range []string{"limit=0", "limit=501", "limit=many", "cursor=not-a-cursor", "cursor=" + url.QueryEscape(first.NextCursor) + "&format=xlsx",
			"limit=10&format=pdf"} {
			r := c.do("GET", registerURL("outgoing", q), "ubnd.vt", nil)
			if r.status != 400 || !strings.Contains(r.ctype, "problem+json") {
				t.Errorf("%s: %d %.300s", q, r.status, r.raw)
			}
		}
	})
}
