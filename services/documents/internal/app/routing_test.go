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

// TestRoutingChain: a paper document goes clerk → Chánh Văn phòng
// (proposal) → Chủ tịch → Phó Chủ tịch (direction: a Sở leads, another is
// informed) → the Sở's division → a specialist, who returns it with a
// note; only the holder acts, a step out of order is refused, the
// informed Sở's leader reads it from their box, and every step is shown.
func TestRoutingChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		v, err := e.Service.ReceiveDocument(e.Ctx("ubnd.vt"), app.IncomingInput{Document: paper()})
		if err != nil {
			t.Fatal(err)
		}
		id := v.ID
		user := func(login string) string { return testenv.People[login].Subject }
		step := func(login string, f func() (app.DocumentView, error), want error) app.DocumentView {
			t.Helper()
			got, err := f()
			if (want == nil) != (err == nil) || (want != nil && !errors.Is(err, want)) {
				t.Fatalf("%s: %v, want %v", login, err, want)
			}
			return got
		}
		route := func(login string, kind domain.StepKind, to, unit, note string, want error) app.DocumentView {
			t.Helper()
			return step(login, func() (app.DocumentView, error) {
				return e.Service.RouteDocument(e.Ctx(login), id, domain.Pass{Kind: kind, ToUserID: to, ToUnitID: unit, Note: note})
			}, want)
		}
		// Nobody but the clerk (or a directing leader) starts it.
		route("ubnd.cv", domain.StepForward, user("vp.ld"), "", "", apperr.ErrForbidden)
		route("ubnd.vt", domain.StepForward, "u-nobody", "", "", apperr.ErrInvalid)
		route("ubnd.vt", domain.StepForward, user("vp.ld"), "", "Kính chuyển Chánh Văn phòng", nil)
		// Now only the Chánh Văn phòng holds it.
		route("ubnd.vt", domain.StepForward, user("ubnd.ld"), "", "", apperr.ErrForbidden)
		route("vp.ld", domain.StepPropose, user("ubnd.ld"), "", "", apperr.ErrInvalid) // a proposal says something
		route("vp.ld", domain.StepPropose, user("ubnd.ld"), "", "Đề xuất giao Sở TTTT chủ trì", nil)
		route("ubnd.ld", domain.StepForward, user("ubnd.pct"), "", "Giao đồng chí Phó Chủ tịch", nil)
		// Assigning inside a unit comes after the direction.
		route("ubnd.pct", domain.StepAssign, "", testenv.ID("KT"), "", apperr.ErrConflict)
		before := len(e.Outbox(t))
		dv := step("ubnd.pct", func() (app.DocumentView, error) {
			return e.Service.DirectDocument(e.Ctx("ubnd.pct"), id, domain.DirectionInput{LeadUnitID: testenv.ID("STTTT"),
				InformedUnitIDs: []string{testenv.ID("SNV")}, DueDate: "2026-12-31", Note: "Sở TTTT chủ trì, báo cáo trước 31/12"})
		}, nil)
		if dv.Receipt == nil || dv.Receipt.Status != domain.ReceiptDirected || dv.Receipt.Direction == nil {
			t.Fatalf("receipt after direction %+v", dv.Receipt)
		}
		var types []string
		for _, row := range e.Outbox(t)[before:] {
			types = append(types, row.Type)
		}
		if !slices.Contains(types, "vn.eoffice.document.directed") || !slices.Contains(types, "vn.eoffice.document.routed") {
			t.Fatalf("events of the direction %v", types)
		}
		// The Sở's head returns nothing a direction made tasks of; they assign.
		step("stttt.ld", func() (app.DocumentView, error) {
			return e.Service.ReturnDocument(e.Ctx("stttt.ld"), id, "Không đúng chức năng")
		}, apperr.ErrConflict)
		route("pb.ld", domain.StepAssign, user("stttt.cv"), "", "", apperr.ErrNotFound) // not named yet: not seen
		sv := route("stttt.ld", domain.StepAssign, "", testenv.ID("PB"), "Phòng Bưu chính tham mưu", nil)
		if !slices.Equal(sv.RoutingActions, nil) {
			t.Fatalf("the Sở's head may still %v", sv.RoutingActions)
		}
		route("pb.ld", domain.StepForward, user("ubnd.ld"), "", "", apperr.ErrConflict) // forwarding is before the direction
		route("pb.ld", domain.StepAssign, user("stttt.cv"), "", "Đồng chí Em xử lý", nil)
		cv := step("stttt.cv", func() (app.DocumentView, error) {
			return e.Service.ReturnDocument(e.Ctx("stttt.cv"), id, "Đề nghị bổ sung số liệu")
		}, nil)
		last := cv.Routing[len(cv.Routing)-1]
		if last.Kind != domain.StepReturn || last.ToUserID != user("pb.ld") || last.Note != "Đề nghị bổ sung số liệu" {
			t.Fatalf("return %+v", last)
		}
		// Back with PB's head, who may assign again.
		pv, err := e.Service.GetDocument(e.Ctx("pb.ld"), id)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(pv.RoutingActions, domain.StepAssign) {
			t.Fatalf("PB's head may %v", pv.RoutingActions)
		}
		var kinds []domain.StepKind
		for _, s := range pv.Routing {
			kinds = append(kinds, s.Kind)
		}
		want := []domain.StepKind{"forward", "propose", "forward", "direct", "assign", "assign", "return"}
		if !slices.Equal(kinds, want) {
			t.Fatalf("routing %v, want %v", kinds, want)
		}

		// The informed Sở's leader has it in their box until they read it.
		box := func(login string) int {
			t.Helper()
			page, err := e.Service.ListDocuments(e.Ctx(login), app.ListQuery{Box: domain.BoxForInformation})
			if err != nil {
				t.Fatal(err)
			}
			return len(page.Items)
		}
		if box("snv.ld") != 1 || box("syt.ld") != 0 || box("stttt.ld") != 0 {
			t.Fatalf("for-information boxes: snv %d, syt %d, stttt %d", box("snv.ld"), box("syt.ld"), box("stttt.ld"))
		}
		if _, err := e.Service.GetDocument(e.Ctx("syt.ld"), id); !errors.Is(err, apperr.ErrNotFound) {
			t.Fatalf("an agency the routing does not name reads it: %v", err)
		}
		step("syt.ld", func() (app.DocumentView, error) { return e.Service.MarkDocumentRead(e.Ctx("syt.ld"), id) }, apperr.ErrNotFound)
		step("snv.ld", func() (app.DocumentView, error) { return e.Service.MarkDocumentRead(e.Ctx("snv.ld"), id) }, nil)
		step("snv.ld", func() (app.DocumentView, error) { return e.Service.MarkDocumentRead(e.Ctx("snv.ld"), id) }, apperr.ErrConflict)
		if box("snv.ld") != 0 {
			t.Fatal("read, still in the box")
		}
	})
}

// TestDirectWithoutRouting: today's clients direct a registered receipt
// as before; a direction with no due date (nor the document's) makes no
// task.
func TestDirectWithoutRouting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		v, err := e.Service.ReceiveDocument(e.Ctx("stttt.vt"), app.IncomingInput{Document: paper()})
		if err != nil {
			t.Fatal(err)
		}
		before := len(e.Outbox(t))
		d, err := e.Service.DirectDocument(e.Ctx("stttt.ld"), v.ID, domain.DirectionInput{LeadUnitID: testenv.ID("PB")})
		if err != nil {
			t.Fatal(err)
		}
		if d.Receipt.Status != domain.ReceiptDirected || len(d.Routing) != 1 || d.Routing[0].Kind != domain.StepDirect {
			t.Fatalf("receipt %+v routing %+v", d.Receipt, d.Routing)
		}
		for _, row := range e.Outbox(t)[before:] {
			if row.Type == "vn.eoffice.document.directed" {
				t.Fatal("document.directed without a due date")
			}
		}
	})
}
