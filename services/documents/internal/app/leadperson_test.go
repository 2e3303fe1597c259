package app_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// TestConfidentialLeadPerson: a confidential document the Sở's leader
// directs to one specialist of PB is seen by that specialist (reading it,
// searching, the confidential register) and not by PB's head, their
// colleague in the same unit: the receipt names the person, not the unit.
func TestConfidentialLeadPerson(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		in := paper()
		in.Confidentiality = string(domain.ConfidentialityConfidential)
		v, err := e.Service.ReceiveDocument(e.Ctx("stttt.vt"), app.IncomingInput{Document: in})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Service.DirectDocument(e.Ctx("stttt.ld"), v.ID, domain.DirectionInput{
			LeadUserID: testenv.People["stttt.cv"].Subject, DueDate: "2026-12-31", Note: "Đồng chí Em chủ trì"}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			login string
			sees  bool
		}{
			{"stttt.cv", true}, // the lead person
			{"pb.ld", false},   // their unit's head: not named
			{"stttt.ld", true}, // who directed it
			{"kt.cv", false},   // another agency
		} {
			t.Run(c.login, func(t *testing.T) {
				_, err := e.Service.GetDocument(e.Ctx(c.login), v.ID)
				if c.sees != (err == nil) || (err != nil && !errors.Is(err, apperr.ErrNotFound)) {
					t.Errorf("get: %v, want seen %v", err, c.sees)
				}
				page, err := e.Service.ListDocuments(e.Ctx(c.login), app.ListQuery{})
				if err != nil {
					t.Fatal(err)
				}
				listed := slices.ContainsFunc(page.Items, func(i app.ListItem) bool { return i.Document.ID == v.ID })
				if listed != c.sees {
					t.Errorf("search lists it: %v, want %v", listed, c.sees)
				}
				book, err := e.Service.Book(e.Ctx(c.login), domain.BookQuery{Book: domain.BookIncoming, Confidential: true})
				if errors.Is(err, apperr.ErrForbidden) {
					return // reads no register
				}
				if err != nil {
					t.Fatal(err)
				}
				inBook := false
				for b, err := range book.Entries {
					if err != nil {
						t.Fatal(err)
					}
					inBook = inBook || b.Document.ID == v.ID
				}
				if inBook != c.sees {
					t.Errorf("confidential register shows it: %v, want %v", inBook, c.sees)
				}
			})
		}
	})
}
