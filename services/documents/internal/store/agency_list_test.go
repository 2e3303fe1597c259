package store_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// TestSearchByAgency: the search without a box read from the agency's own
// documents and its receipts (agencySQL) pages through what the agency
// issues (drafts too) and what was issued to it, newest first, each once,
// with a text common enough to take that plan and without one; another
// agency's documents stay out.
func TestSearchByAgency(t *testing.T) {
	store.SetCommonMatches(t, 50) // the text below matches 75
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		if err := s.PrepareSearch(ctx); err != nil {
			t.Fatal(err)
		}
		type made struct {
			id      string
			at      time.Time // the search's date: issue, else creation
			visible bool      // to B
			text    bool      // holds "khoáng sản"
		}
		var docs []made
		for i := range 150 {
			issuer, to := []string{"A", "B", "C"}[i%3], []string{"B", "B", "A"}[i%3]
			if i%15 == 1 {
				to = "C" // B's own document to someone else
			}
			if i%15 == 4 {
				to = "B" // B's own document to itself
			}
			created := t0.Add(time.Duration(i) * time.Minute)
			d := draft(fmt.Sprintf("d%03d", i), issuer, created, domain.Recipient{UnitID: to + "-VP", AgencyID: to})
			text := i%2 == 0
			if text {
				d.Summary = "Về quản lý khoáng sản đợt " + d.ID
			}
			issued := i%10 != 7 // some stay drafts
			at := created
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error {
				if err := s.InsertDocument(ctx, tx, d); err != nil {
					return err
				}
				if !issued {
					return nil
				}
				// Issued in another order than created, as in service.
				at = t0.Add(time.Duration((i*37)%150)*time.Minute + time.Hour)
				d.Status, d.IssuedAt, d.IssuedBy = domain.StatusIssued, &at, "clerk-"+issuer
				if err := s.SaveDocument(ctx, tx, d, domain.StatusDraft); err != nil {
					return err
				}
				return s.InsertReceipts(ctx, tx, domain.NewReceipts(d, at))
			})
			docs = append(docs, made{d.ID, at, issuer == "B" || (issued && to == "B"), text})
		}
		slices.SortFunc(docs, func(a, b made) int { return cmp.Or(b.at.Compare(a.at), strings.Compare(b.id, a.id)) })
		clerk := domain.Actor{UserID: "clerk-b", UnitID: "B-VT", AgencyID: "B", Roles: []string{domain.RoleClerk}}
		for _, c := range []struct{ name, q string }{{"every document", ""}, {"common text", domain.Fold("khoáng sản")}} {
			var want, got []string
			for _, d := range docs {
				if d.visible && (c.q == "" || d.text) {
					want = append(want, d.id)
				}
			}
			var after []string
			for range 100 {
				page, next, err := s.List(ctx, store.ListQuery{Actor: clerk, Q: c.q, Limit: 7, After: after})
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				for _, l := range page {
					got = append(got, l.Document.ID)
				}
				if after = next; next == nil {
					break
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s:\n got %v\nwant %v", c.name, got, want)
			}
		}
	})
}
