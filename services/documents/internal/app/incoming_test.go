package app_test

import (
	"errors"
	"sort"
	"sync"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

func issue(t *testing.T, e *testenv.Env, in domain.DraftInput) app.DocumentView {
	t.Helper()
	v := approved(t, e, "ubnd.cv", in)
	v, err := e.Service.IssueDocument(e.Ctx("ubnd.vt"), v.ID)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestConcurrentRegistration: fifty receipts registered at once get the
// incoming numbers 1..50 of the agency, each once.
func TestConcurrentRegistration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		const n = 50
		ids := make([]string, n)
		for i := range ids {
			ids[i] = issue(t, e, directive(id("STTTT"))).ID
		}
		var wg sync.WaitGroup
		numbers, errs := make([]int64, n), make([]error, n)
		for i := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v, err := e.Service.RegisterDocument(e.Ctx("stttt.vt"), ids[i])
				errs[i] = err
				if err == nil {
					numbers[i] = v.Receipt.IncomingNumber
				}
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("register %d: %v", i, err)
			}
		}
		sort.Slice(numbers, func(i, j int) bool { return numbers[i] < numbers[j] })
		for i, got := range numbers {
			if got != int64(i+1) {
				t.Fatalf("incoming numbers %v, want 1..%d once each", numbers, n)
			}
		}
	})
}

// TestRestrictedIncoming: a secret document reaches, in the receiving
// agency, only the clerks who must register it, then the leaders who must
// direct it, then the units it is directed to — never other staff.
func TestRestrictedIncoming(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		in := directive(id("STTTT"))
		in.Confidentiality = "secret"
		d := issue(t, e, in)
		sees := func(stage string, want map[string]bool) {
			t.Helper()
			for login, ok := range want {
				_, err := e.Service.GetDocument(e.Ctx(login), d.ID)
				if ok != (err == nil) || (!ok && !errors.Is(err, apperr.ErrNotFound)) {
					t.Errorf("%s: %s reads it: %v, want %v", stage, login, err, ok)
				}
				page, err := e.Service.ListDocuments(e.Ctx(login), app.ListQuery{Box: store.BoxIncoming})
				if err != nil {
					t.Fatal(err)
				}
				if listed := len(page.Items) == 1; listed != ok {
					t.Errorf("%s: %s lists it: %v, want %v", stage, login, listed, ok)
				}
			}
		}
		sees("received", map[string]bool{"stttt.vt": true, "stttt.ld": false, "stttt.cv": false, "snv.ld": false})
		if _, err := e.Service.RegisterDocument(e.Ctx("stttt.vt"), d.ID); err != nil {
			t.Fatal(err)
		}
		sees("registered", map[string]bool{"stttt.vt": true, "stttt.ld": true, "stttt.cv": false})
		if _, err := e.Service.DirectDocument(e.Ctx("stttt.ld"), d.ID, domain.DirectionInput{LeadUnitID: id("PB")}); err != nil {
			t.Fatal(err)
		}
		sees("directed", map[string]bool{"stttt.vt": true, "stttt.ld": true, "stttt.cv": true, "snv.ld": false})
	})
}
