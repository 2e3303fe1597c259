package app_test

import (
	"context"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

var directory = testenv.Directory{"000.00.00.G22": "Văn phòng Chính phủ", "000.00.00.H49": "UBND tỉnh Quảng Ninh"}

func paper() domain.IncomingInput {
	return domain.IncomingInput{Sender: domain.Sender{Name: "Bộ Nội vụ"}, OriginalNotation: "125/BNV-VP",
		OriginalDate: "2026-03-02", Kind: "official_letter", Summary: "Về việc báo cáo công tác cải cách hành chính",
		Urgency: "urgent", Pages: 3}
}

// TestPaperIncoming: a clerk registers a paper document; it takes the next
// number of the agency's incoming series, shared with internal documents
// (the confidential series for a confidential one), emits
// document.received and document.registered with channel paper, and flows
// on: directed by a leader of the agency (document.directed, channel
// paper), listed by channel.
func TestPaperIncoming(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db, testenv.WithOrganisations(directory))
		e.SetClock(time.Date(2026, 3, 5, 3, 0, 0, 0, time.UTC))
		internal := issue(t, e, directive(id("STTTT")))
		if _, err := e.Service.RegisterDocument(e.Ctx("stttt.vt"), internal.ID); err != nil {
			t.Fatal(err)
		}
		before := len(e.Outbox(t))
		v, err := e.Service.ReceiveDocument(e.Ctx("stttt.vt"), app.IncomingInput{Document: paper()})
		if err != nil {
			t.Fatal(err)
		}
		if v.Channel != domain.ChannelPaper || v.Sender.Name != "Bộ Nội vụ" || v.Notation != "125/BNV-VP" ||
			v.OriginalDate != "2026-03-02" || v.IssuerUnitID != "" || v.Pages != 3 {
			t.Fatalf("document %+v", v.Document)
		}
		if v.Receipt == nil || v.Receipt.Status != domain.ReceiptRegistered || v.Receipt.IncomingNumber != 2 ||
			v.Receipt.IncomingSeries != domain.SeriesIncoming {
			t.Fatalf("receipt %+v, want registered as number 2 of the incoming series", v.Receipt)
		}
		got := e.Outbox(t)[before:]
		if len(got) != 2 || got[0].Type != "vn.eoffice.document.received" || got[1].Type != "vn.eoffice.document.registered" {
			t.Fatalf("events %+v", got)
		}
		for _, r := range got {
			if !strings.Contains(r.Data, `"channel":"paper"`) {
				t.Errorf("%s without channel paper: %s", r.Type, r.Data)
			}
		}
		if !strings.Contains(got[0].Data, `"incoming_number":"2"`) || !strings.Contains(got[0].Data, `"sender_name":"Bộ Nội vụ"`) {
			t.Errorf("document.received %s", got[0].Data)
		}
		// It flows on as any incoming document.
		d, err := e.Service.DirectDocument(e.Ctx("stttt.ld"), v.ID, domain.DirectionInput{LeadUnitID: id("PB"), DueDate: "2026-04-30"})
		if err != nil {
			t.Fatal(err)
		}
		if d.Receipt.Status != domain.ReceiptDirected {
			t.Fatalf("receipt %+v", d.Receipt)
		}
		last := e.Outbox(t)[len(e.Outbox(t))-1]
		if last.Type != "vn.eoffice.document.directed" || !strings.Contains(last.Data, `"channel":"paper"`) {
			t.Fatalf("directed %+v", last)
		}
		// Only the receiving agency sees it; the box filters by channel.
		if _, err := e.Service.GetDocument(e.Ctx("snv.ld"), v.ID); !errors.Is(err, apperr.ErrNotFound) {
			t.Errorf("another agency reads it: %v", err)
		}
		for channel, want := range map[string]int{"paper": 1, "internal": 1, "exchange": 0, "": 2} {
			page, err := e.Service.ListDocuments(e.Ctx("stttt.vt"), app.ListQuery{Box: "incoming", Channel: channel})
			if err != nil || len(page.Items) != want {
				t.Errorf("channel %q: %d items (%v), want %d", channel, len(page.Items), err, want)
			}
		}
		// A confidential one is numbered in the confidential series; a
		// sender named by code takes the directory's name.
		in := paper()
		in.Confidentiality, in.Sender = "secret", domain.Sender{OrganisationCode: "000.00.00.G22"}
		c, err := e.Service.ReceiveDocument(e.Ctx("stttt.vt"), app.IncomingInput{Document: in})
		if err != nil {
			t.Fatal(err)
		}
		if c.Receipt.IncomingNumber != 1 || c.Receipt.IncomingSeries != domain.SeriesIncomingConfidential ||
			c.Sender.Name != "Văn phòng Chính phủ" {
			t.Fatalf("confidential %+v %+v", c.Receipt, c.Sender)
		}
	})
}

// TestPaperIncomingRefusesBadInput: bad input is a 400 (a caller who is no
// clerk a 403) and stores nothing, takes no number.
func TestPaperIncomingRefusesBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db, testenv.WithOrganisations(directory))
		e.SetClock(time.Date(2026, 3, 5, 3, 0, 0, 0, time.UTC))
		cases := []struct {
			name  string
			login string
			edit  func(*domain.IncomingInput)
			want  error
			field string
		}{
			{"no sender", "stttt.vt", func(in *domain.IncomingInput) { in.Sender = domain.Sender{} }, apperr.ErrInvalid, "sender"},
			{"unknown kind", "stttt.vt", func(in *domain.IncomingInput) { in.Kind = "poem" }, apperr.ErrInvalid, "kind"},
			{"future date", "stttt.vt", func(in *domain.IncomingInput) { in.OriginalDate = "2026-03-06" }, apperr.ErrInvalid, "original_date"},
			{"bad date", "stttt.vt", func(in *domain.IncomingInput) { in.OriginalDate = "2026-02-30" }, apperr.ErrInvalid, "original_date"},
			{"no notation", "stttt.vt", func(in *domain.IncomingInput) { in.OriginalNotation = " " }, apperr.ErrInvalid, "original_notation"},
			{"no summary", "stttt.vt", func(in *domain.IncomingInput) { in.Summary = "" }, apperr.ErrInvalid, "summary"},
			{"bad urgency", "stttt.vt", func(in *domain.IncomingInput) { in.Urgency = "now" }, apperr.ErrInvalid, "urgency"},
			{"negative pages", "stttt.vt", func(in *domain.IncomingInput) { in.Pages = -1 }, apperr.ErrInvalid, "pages"},
			{"unknown code", "stttt.vt", func(in *domain.IncomingInput) { in.Sender = domain.Sender{OrganisationCode: "X"} }, apperr.ErrInvalid, "sender.organisation_code"},
			{"not a clerk", "stttt.ld", func(*domain.IncomingInput) {}, apperr.ErrForbidden, ""},
		}
		for _, c := range cases {
			in := paper()
			c.edit(&in)
			_, err := e.Service.ReceiveDocument(e.Ctx(c.login), app.IncomingInput{Document: in})
			if !errors.Is(err, c.want) {
				t.Errorf("%s: %v, want %v", c.name, err, c.want)
				continue
			}
			if ae, ok := apperr.As(err); ok && c.field != "" && (len(ae.Fields) == 0 || ae.Fields[0].Field != c.field) {
				t.Errorf("%s: fields %+v, want %s", c.name, ae.Fields, c.field)
			}
		}
		if n := e.Count(t, "documents"); n != 0 {
			t.Fatalf("%d documents stored", n)
		}
		v, err := e.Service.ReceiveDocument(e.Ctx("stttt.vt"), app.IncomingInput{Document: paper()})
		if err != nil || v.Receipt.IncomingNumber != 1 {
			t.Fatalf("first good one: %v %+v", err, v.Receipt)
		}
	})
}

// TestRefuse: a clerk of the receiving agency refuses a received receipt
// with a reason (document.refused, with its channel); nobody else may, a
// reason is required, and a refused or registered receipt cannot be.
func TestRefuse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		d := issue(t, e, directive(id("STTTT"), id("SNV")))
		if _, err := e.Service.RefuseDocument(e.Ctx("stttt.ld"), d.ID, "không thuộc thẩm quyền"); !errors.Is(err, apperr.ErrForbidden) {
			t.Errorf("leader refuses: %v", err)
		}
		if _, err := e.Service.RefuseDocument(e.Ctx("stttt.vt"), d.ID, "  "); !errors.Is(err, apperr.ErrInvalid) {
			t.Errorf("no reason: %v", err)
		}
		v, err := e.Service.RefuseDocument(e.Ctx("stttt.vt"), d.ID, "Không thuộc thẩm quyền")
		if err != nil {
			t.Fatal(err)
		}
		if v.Receipt.Status != domain.ReceiptRefused || v.Receipt.RefuseReason != "Không thuộc thẩm quyền" || v.Receipt.RefusedBy != "u-stttt-vt" {
			t.Fatalf("receipt %+v", v.Receipt)
		}
		last := e.Outbox(t)[len(e.Outbox(t))-1]
		if last.Type != "vn.eoffice.document.refused" || !strings.Contains(last.Data, `"channel":"internal"`) ||
			!strings.Contains(last.Data, "Không thuộc thẩm quyền") {
			t.Fatalf("event %+v", last)
		}
		for _, step := range []func() error{
			func() error { _, err := e.Service.RefuseDocument(e.Ctx("stttt.vt"), d.ID, "again"); return err },
			func() error { _, err := e.Service.RegisterDocument(e.Ctx("stttt.vt"), d.ID); return err },
		} {
			if err := step(); !errors.Is(err, apperr.ErrConflict) {
				t.Errorf("after refusal: %v, want 409", err)
			}
		}
		// The other agency's receipt is untouched and registers.
		if _, err := e.Service.RegisterDocument(e.Ctx("ubnd.vt"), d.ID); !errors.Is(err, apperr.ErrForbidden) {
			t.Errorf("issuer's clerk: %v", err)
		}
		if _, err := e.Service.RefuseDocument(e.Ctx("stttt.vt"), d.ID, "x"); !errors.Is(err, apperr.ErrConflict) {
			t.Errorf("refused twice: %v", err)
		}
	})
}

// TestExternalRecipients: codes of the exchange directory are stored with
// their names and go in document.issued; an unknown code, or any on a
// confidential document, is a 400 that stores nothing.
func TestExternalRecipients(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		dir := testenv.Directory{}
		maps.Copy(dir, directory)
		e := testenv.New(t, db, testenv.WithOrganisations(dir))
		in := directive(id("STTTT"))
		in.ExternalRecipients = []string{"000.00.00.H49", "000.00.00.G22"}
		v := draft(t, e, "ubnd.cv", in)
		want := []domain.ExternalRecipient{{Code: "000.00.00.H49", Name: "UBND tỉnh Quảng Ninh"}, {Code: "000.00.00.G22", Name: "Văn phòng Chính phủ"}}
		if len(v.ExternalRecipients) != 2 || v.ExternalRecipients[0] != want[0] || v.ExternalRecipients[1] != want[1] {
			t.Fatalf("external recipients %+v", v.ExternalRecipients)
		}
		stored, err := e.Service.GetDocument(e.Ctx("ubnd.cv"), v.ID)
		if err != nil || len(stored.ExternalRecipients) != 2 || stored.ExternalRecipients[1] != want[1] {
			t.Fatalf("stored %+v %v", stored.ExternalRecipients, err)
		}
		bad := []struct {
			name string
			edit func(*domain.DraftInput)
		}{
			{"unknown", func(in *domain.DraftInput) { in.ExternalRecipients = []string{"000.00.00.X99"} }},
			{"confidential", func(in *domain.DraftInput) {
				in.ExternalRecipients, in.Confidentiality = []string{"000.00.00.G22"}, "confidential"
			}},
			{"twice", func(in *domain.DraftInput) { in.ExternalRecipients = []string{"000.00.00.G22", "000.00.00.G22"} }},
		}
		for _, b := range bad {
			in := directive(id("STTTT"))
			b.edit(&in)
			if _, err := e.Service.CreateDocument(e.Ctx("ubnd.cv"), app.CreateInput{Draft: in}); !errors.Is(err, apperr.ErrInvalid) {
				t.Errorf("%s: %v", b.name, err)
			}
			codes := []string{"000.00.00.X99"}
			if b.name != "unknown" {
				continue
			}
			if _, err := e.Service.UpdateDocument(e.Ctx("ubnd.cv"), v.ID, app.Patch{ExternalRecipients: &codes}); !errors.Is(err, apperr.ErrInvalid) {
				t.Errorf("patch %s: %v", b.name, err)
			}
		}
		if n := e.Count(t, "documents"); n != 1 {
			t.Fatalf("%d documents", n)
		}
		// PATCH replaces them.
		codes := []string{"000.00.00.G22"}
		p, err := e.Service.UpdateDocument(e.Ctx("ubnd.cv"), v.ID, app.Patch{ExternalRecipients: &codes})
		if err != nil || len(p.ExternalRecipients) != 1 || p.ExternalRecipients[0] != want[1] {
			t.Fatalf("patched %+v %v", p.ExternalRecipients, err)
		}
		// An edit that leaves them alone asks the directory nothing.
		delete(dir, "000.00.00.G22")
		summary := "Về việc nâng cao Chỉ số PAPI năm 2026"
		if p, err := e.Service.UpdateDocument(e.Ctx("ubnd.cv"), v.ID, app.Patch{Summary: &summary}); err != nil ||
			len(p.ExternalRecipients) != 1 || p.ExternalRecipients[0] != want[1] {
			t.Fatalf("edited %+v %v", p.ExternalRecipients, err)
		}
		if _, err := e.Service.SubmitDocument(e.Ctx("ubnd.cv"), v.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Service.ApproveDocument(e.Ctx("ubnd.ld"), v.ID, app.ApproveInput{}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Service.IssueDocument(e.Ctx("ubnd.vt"), v.ID); err != nil {
			t.Fatal(err)
		}
		var issued string
		for _, r := range e.Outbox(t) {
			if r.Type == "vn.eoffice.document.issued" {
				issued = r.Data
			}
		}
		if !strings.Contains(issued, `"external_recipient_codes":["000.00.00.G22"]`) {
			t.Fatalf("document.issued %s", issued)
		}
	})
}

// feed hands an event to the service's consumer handlers in a
// transaction, as the runtime's inbox would.
func feed(t *testing.T, e *testenv.Env, short string, m proto.Message) {
	t.Helper()
	hs := consumer.Handlers(app.NewTaskViews(), e.Store.TaskWrites)
	ev, err := envelope.New(context.Background(), "/eoffice/tasks", short, "k", m)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.DB.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
		return hs[short](ctx, tx, ev)
	}); err != nil {
		t.Fatalf("%s: %v", short, err)
	}
}

// TestHandlingAndCompleted: the first task of a directed receipt accepted
// or reported on emits document.handling, the receipt becoming done emits
// document.completed, each once and with the document's channel; the
// issuer's own tasks on the same document do neither.
func TestHandlingAndCompleted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		e.SetClock(time.Date(2026, 3, 5, 3, 0, 0, 0, time.UTC))
		v, err := e.Service.ReceiveDocument(e.Ctx("stttt.vt"), app.IncomingInput{Document: paper()})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Service.DirectDocument(e.Ctx("stttt.ld"), v.ID, domain.DirectionInput{
			LeadUnitID: id("PB"), CooperatingUnitIDs: []string{id("STTTT")}, DueDate: "2026-04-30"}); err != nil {
			t.Fatal(err)
		}
		count := func(typ string) (n int, data string) {
			for _, r := range e.Outbox(t) {
				if r.Type == "vn.eoffice."+typ {
					n, data = n+1, r.Data
				}
			}
			return n, data
		}
		ref := func(task, unit, status string) *eventsv1.TaskRef {
			return &eventsv1.TaskRef{TaskId: task, SourceDocumentId: v.ID, AssignerUnitId: id("STTTT"),
				AssigneeUnitId: unit, Role: "lead", DueDate: "2026-04-30", Status: status}
		}
		feed(t, e, events.TaskAssigned, &eventsv1.TaskAssigned{TaskId: "t1", SourceDocumentId: v.ID, AssignerUnitId: id("STTTT"), AssigneeUnitId: id("PB"), Role: "lead"})
		feed(t, e, events.TaskAssigned, &eventsv1.TaskAssigned{TaskId: "t2", SourceDocumentId: v.ID, AssignerUnitId: id("STTTT"), AssigneeUnitId: id("STTTT"), Role: "cooperate"})
		// Someone else's task on it (the issuing side, say) starts nothing.
		feed(t, e, events.TaskAccepted, &eventsv1.TaskAccepted{Task: &eventsv1.TaskRef{TaskId: "x", SourceDocumentId: v.ID,
			AssignerUnitId: id("SNV"), AssigneeUnitId: id("SNV"), Status: "in_progress"}})
		if n, _ := count("document.handling"); n != 0 {
			t.Fatalf("handling on another agency's task: %d", n)
		}
		feed(t, e, events.TaskAccepted, &eventsv1.TaskAccepted{Task: ref("t1", id("PB"), "in_progress")})
		feed(t, e, events.TaskReportSubmitted, &eventsv1.TaskReportSubmitted{Task: ref("t2", id("STTTT"), "in_progress"), ProgressPercent: 50})
		feed(t, e, events.TaskAccepted, &eventsv1.TaskAccepted{Task: ref("t1", id("PB"), "in_progress")}) // redelivered
		if n, data := count("document.handling"); n != 1 || !strings.Contains(data, `"channel":"paper"`) ||
			!strings.Contains(data, `"recipient_agency_id":"`+id("STTTT")+`"`) {
			t.Fatalf("%d document.handling: %s", n, data)
		}
		feed(t, e, events.TaskCompleted, &eventsv1.TaskCompleted{Task: ref("t1", id("PB"), "completed")})
		if n, _ := count("document.completed"); n != 0 {
			t.Fatal("completed with a task still open")
		}
		feed(t, e, events.TaskCancelled, &eventsv1.TaskCancelled{Task: ref("t2", id("STTTT"), "cancelled")})
		feed(t, e, events.TaskCompleted, &eventsv1.TaskCompleted{Task: ref("t1", id("PB"), "completed")}) // redelivered
		if n, data := count("document.completed"); n != 1 || !strings.Contains(data, `"channel":"paper"`) {
			t.Fatalf("%d document.completed: %s", n, data)
		}
		got, err := e.Service.GetDocument(e.Ctx("stttt.vt"), v.ID)
		if err != nil || got.Receipt.Status != domain.ReceiptDone {
			t.Fatalf("receipt %+v %v", got.Receipt, err)
		}
	})
}
