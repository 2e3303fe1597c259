package app_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/exchangehttp"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// exchangeFiles stands in for exchange's GET
// /v1/exchange/packages/{id}/files/{index}: it serves files by path to a
// caller with the service's token, or fails while down.
type exchangeFiles struct {
	*httptest.Server
	down  atomic.Bool
	calls atomic.Int64
	files map[string]string
}

func newExchangeFiles(t *testing.T, files map[string]string) *exchangeFiles {
	x := &exchangeFiles{files: files}
	x.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		x.calls.Add(1)
		if x.down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		if r.Header.Get("Authorization") != "Bearer svc-token" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		body, ok := x.files[r.URL.Path]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(x.Close)
	return x
}

type svcToken struct{}

func (svcToken) Token(context.Context) (string, error) { return "svc-token", nil }

func sum(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }

// feedExchange hands an exchange event to the consumer's handler as the
// runtime would.
func feedExchange(t *testing.T, e *testenv.Env, p *eventsv1.ExchangeDocumentReceived) error {
	t.Helper()
	hs := consumer.Handlers(app.NewTaskViews(), e.Store.TaskWrites)
	ev, err := envelope.New(context.Background(), "/eoffice/exchange", events.ExchangeDocumentReceived, p.PackageId, p)
	if err != nil {
		t.Fatal(err)
	}
	return e.DB.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
		return hs[events.ExchangeDocumentReceived](ctx, tx, ev)
	})
}

func pkgEvent(id string, files ...*eventsv1.ExchangeFile) *eventsv1.ExchangeDocumentReceived {
	return &eventsv1.ExchangeDocumentReceived{PackageId: id, RecipientAgencyId: testenv.ID("STTTT"), RecipientCode: "000.00.15.H51",
		SenderCode: "000.00.00.G22", SenderName: "Văn phòng Chính phủ", CodeNumber: "7816", CodeNotation: "VPCP-TTĐT",
		OriginalNotation: "7816/VPCP-TTĐT", PromulgationDate: "2026-03-04", TypeName: "QUYẾT ĐỊNH",
		Summary: "Về việc triển khai Đề án 06", Urgency: "very_urgent", DueDate: "2026-03-31",
		SignerName: "Trần Văn Sơn", SignerCompetence: "KT. BỘ TRƯỞNG, CHỦ NHIỆM", SignerPosition: "PHÓ CHỦ NHIỆM",
		Files: files, Signature: "valid", ReceivedAt: "2026-03-05T02:59:00Z", Pages: 2}
}

// TestExchangePackageBecomesIncomingDocument: an accepted package becomes
// one incoming document of the addressed agency, received, with the
// sender's notation, kind, urgency, due date and signer, and its files
// fetched from exchange with the service's token and checked by sha256;
// while exchange cannot serve the files nothing is lost (the intake waits
// and is retried), a repeat of the package makes nothing, and the document
// flows on (register, refuse) with its channel and package id.
func TestExchangePackageBecomesIncomingDocument(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		pdf, note := "%PDF-1.7 quyết định", "phụ lục"
		x := newExchangeFiles(t, map[string]string{
			"/v1/exchange/packages/p1/files/0": pdf, "/v1/exchange/packages/p1/files/1": note,
			"/v1/exchange/packages/p2/files/0": "tampered",
		})
		now := time.Now().Add(time.Minute) // the intake is due from when it was taken
		e := testenv.New(t, db, testenv.WithPackageFiles(&exchangehttp.Client{URL: x.URL, Tokens: svcToken{}}),
			testenv.WithClock(func() time.Time { return now }))
		w, err := app.NewIntakeWorker(e.Service, time.Second, nil)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		p1 := pkgEvent("p1",
			&eventsv1.ExchangeFile{Index: 0, Name: "7816-QD.pdf", ContentType: "application/pdf", Size: int64(len(pdf)), Sha256: sum(pdf), Signature: "valid"},
			&eventsv1.ExchangeFile{Index: 1, Name: `C:\van ban\phu-luc.txt`, ContentType: "text/plain", Size: int64(len(note)), Sha256: strings.ToUpper(sum(note))})

		// Exchange is down: the event is taken, the document waits.
		x.down.Store(true)
		if err := feedExchange(t, e, p1); err != nil {
			t.Fatal(err)
		}
		if made, err := w.RunDue(ctx); made != 0 || err == nil {
			t.Fatalf("made %d (%v) with exchange down", made, err)
		}
		if n := e.Count(t, "documents"); n != 0 || e.Count(t, "exchange_intake") != 1 {
			t.Fatalf("%d documents, intake kept: %d", n, e.Count(t, "exchange_intake"))
		}
		x.down.Store(false)
		if made, _ := w.RunDue(ctx); made != 0 {
			t.Fatal("retried before its time")
		}
		now = now.Add(time.Minute)
		if made, err := w.RunDue(ctx); made != 1 || err != nil {
			t.Fatalf("made %d: %v", made, err)
		}

		page, err := e.Service.ListDocuments(e.Ctx("stttt.vt"), app.ListQuery{Box: "incoming", Channel: "exchange"})
		if err != nil || len(page.Items) != 1 || page.Items[0].ReceiptStatus != domain.ReceiptReceived {
			t.Fatalf("incoming box %+v %v", page.Items, err)
		}
		v, err := e.Service.GetDocument(e.Ctx("stttt.vt"), page.Items[0].Document.ID)
		if err != nil {
			t.Fatal(err)
		}
		d := v.Document
		if d.Channel != domain.ChannelExchange || d.ExchangePackageID != "p1" || d.Notation != "7816/VPCP-TTĐT" ||
			d.Kind != domain.KindDecision || d.Urgency != domain.UrgencyVeryUrgent || d.DueDate != "2026-03-31" ||
			d.OriginalDate != "2026-03-04" || d.Sender != (domain.Sender{OrganisationCode: "000.00.00.G22", Name: "Văn phòng Chính phủ"}) ||
			d.ExternalSigner.Competence != "KT. BỘ TRƯỞNG, CHỦ NHIỆM" || d.IssuerUnitID != "" || d.Pages != 2 {
			t.Fatalf("document %+v", d)
		}
		if len(v.Attachments) != 2 || v.Attachments[0].SHA256 != sum(pdf) || v.Attachments[1].Filename != "phu-luc.txt" {
			t.Fatalf("attachments %+v", v.Attachments)
		}
		_, rc, err := e.Service.OpenAttachment(e.Ctx("stttt.vt"), d.ID, v.Attachments[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		rc.Close()
		var received string
		for _, r := range e.Outbox(t) {
			if r.Type == "vn.eoffice.document.received" {
				received = r.Data
			}
		}
		if !strings.Contains(received, `"channel":"exchange"`) || !strings.Contains(received, `"exchange_package_id":"p1"`) {
			t.Fatalf("document.received %s", received)
		}

		// The same package again makes nothing and fetches nothing.
		calls := x.calls.Load()
		if err := feedExchange(t, e, p1); err != nil {
			t.Fatal(err)
		}
		if made, err := w.RunDue(ctx); made != 0 || err != nil || e.Count(t, "documents") != 1 || x.calls.Load() != calls {
			t.Fatalf("repeat: made %d (%v), %d documents", made, err, e.Count(t, "documents"))
		}

		// It flows on with its channel and package.
		if _, err := e.Service.RegisterDocument(e.Ctx("stttt.vt"), d.ID); err != nil {
			t.Fatal(err)
		}
		last := e.Outbox(t)[len(e.Outbox(t))-1]
		if last.Type != "vn.eoffice.document.registered" || !strings.Contains(last.Data, `"exchange_package_id":"p1"`) ||
			!strings.Contains(last.Data, `"channel":"exchange"`) {
			t.Fatalf("registered %+v", last)
		}

		// A file whose bytes are not the listed ones makes no document.
		p2 := pkgEvent("p2", &eventsv1.ExchangeFile{Index: 0, Name: "a.pdf", ContentType: "application/pdf", Size: 8, Sha256: sum("original")})
		if err := feedExchange(t, e, p2); err != nil {
			t.Fatal(err)
		}
		if made, err := w.RunDue(ctx); made != 0 || err == nil || !strings.Contains(err.Error(), "sha256") {
			t.Fatalf("tampered file: made %d, %v", made, err)
		}
		// An event naming no package is a dead letter, not a retry.
		if err := feedExchange(t, e, &eventsv1.ExchangeDocumentReceived{RecipientAgencyId: "x"}); err == nil || errors.Is(err, context.Canceled) {
			t.Fatalf("no package: %v", err)
		}
	})
}

// TestExchangeDocumentRefused: a clerk refuses a package's document; its
// document.refused carries the package for exchange's status 02.
func TestExchangeDocumentRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		x := newExchangeFiles(t, nil)
		e := testenv.New(t, db, testenv.WithPackageFiles(&exchangehttp.Client{URL: x.URL, Tokens: svcToken{}}))
		w, _ := app.NewIntakeWorker(e.Service, time.Second, nil)
		if err := feedExchange(t, e, pkgEvent("p3")); err != nil {
			t.Fatal(err)
		}
		if made, err := w.RunDue(context.Background()); made != 1 || err != nil {
			t.Fatalf("made %d: %v", made, err)
		}
		page, _ := e.Service.ListDocuments(e.Ctx("stttt.vt"), app.ListQuery{Box: "incoming"})
		if len(page.Items) != 1 {
			t.Fatalf("box %+v", page.Items)
		}
		v, err := e.Service.RefuseDocument(e.Ctx("stttt.vt"), page.Items[0].Document.ID, "Gửi nhầm đơn vị")
		if err != nil || v.Receipt.Status != domain.ReceiptRefused {
			t.Fatalf("refuse: %v %+v", err, v.Receipt)
		}
		last := e.Outbox(t)[len(e.Outbox(t))-1]
		if last.Type != "vn.eoffice.document.refused" || !strings.Contains(last.Data, `"exchange_package_id":"p3"`) ||
			!strings.Contains(last.Data, `"channel":"exchange"`) || !strings.Contains(last.Data, "Gửi nhầm đơn vị") {
			t.Fatalf("refused %+v", last)
		}
	})
}
