package app_test

import (
	"errors"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// TestSearchDocuments: the use case reads the search form: "số đến N" in
// q is the incoming number, a notation in q or notation= comes first
// (case blind), the signer and sender accent blind; bad values are
// invalid, naming the field.
func TestSearchDocuments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db, testenv.WithOrganisations(directory))
		e.SetClock(time.Date(2026, 3, 5, 3, 0, 0, 0, time.UTC))
		internal := issue(t, e, directive(id("STTTT")))
		if _, err := e.Service.RegisterDocument(e.Ctx("stttt.vt"), internal.ID); err != nil {
			t.Fatal(err)
		}
		p, err := e.Service.ReceiveDocument(e.Ctx("stttt.vt"), app.IncomingInput{Document: paper()})
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name string
			q    app.ListQuery
			want string
		}{
			{"số đến in q", app.ListQuery{Box: "incoming", Q: "Số đến 2"}, p.ID},
			{"sd: in q", app.ListQuery{Q: "sđ: 1"}, internal.ID},
			{"notation in q, lower case", app.ListQuery{Q: "125/bnv-vp"}, p.ID},
			{"notation prefix", app.ListQuery{Notation: "125/"}, p.ID},
			{"sender accent blind", app.ListQuery{Sender: "BO NOI VU"}, p.ID},
			{"signer", app.ListQuery{Box: "incoming", Signer: internal.Signer.FullName}, internal.ID},
			{"date range", app.ListQuery{From: "2026-03-01", To: "2026-03-02"}, p.ID},
		} {
			page, err := e.Service.ListDocuments(e.Ctx("stttt.vt"), tt.q)
			if err != nil || len(page.Items) != 1 || page.Items[0].Document.ID != tt.want {
				t.Errorf("%s: %d items (%v)", tt.name, len(page.Items), err)
			}
		}
		for _, tt := range []struct {
			q     app.ListQuery
			field string
		}{
			{app.ListQuery{From: "2026-02-30"}, "from"},
			{app.ListQuery{To: "05/03/2026"}, "to"},
			{app.ListQuery{From: "2026-03-02", To: "2026-03-01"}, "to"},
			{app.ListQuery{IncomingNumber: "12a"}, "incoming_number"},
			{app.ListQuery{IncomingNumber: "0"}, "incoming_number"},
			{app.ListQuery{Box: "outgoing", IncomingNumber: "3"}, "incoming_number"},
			{app.ListQuery{Status: "received"}, "status"},
		} {
			_, err := e.Service.ListDocuments(e.Ctx("stttt.vt"), tt.q)
			var fe *apperr.Error
			if !errors.Is(err, apperr.ErrInvalid) || !errors.As(err, &fe) || len(fe.Fields) == 0 || fe.Fields[0].Field != tt.field {
				t.Errorf("%+v: %v, want invalid %s", tt.q, err, tt.field)
			}
		}
	})
}
