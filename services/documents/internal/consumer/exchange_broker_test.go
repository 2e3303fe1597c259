package consumer_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/broker"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/documents/internal/exchangehttp"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

type svcToken struct{}

func (svcToken) Token(context.Context) (string, error) { return "svc", nil }

// TestExchangePackageOverTheBroker wires the consumer as main does, on the
// embedded broker: exchange publishes exchange.document_received for one
// package twice (a retried send), and the agency it names gets one
// incoming document with the package's file.
func TestExchangePackageOverTheBroker(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a broker")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Partitions: 3, Topics: events.Topics()})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	brokers := []string{b.Addr()}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))

	file := "%PDF-1.7 công văn"
	files := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/exchange/packages/pk-1/files/0" || r.Header.Get("Authorization") != "Bearer svc" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		_, _ = w.Write([]byte(file))
	}))
	defer files.Close()
	db := storetest.OpenSQLite(t)
	e := testenv.New(t, db, testenv.WithPackageFiles(&exchangehttp.Client{URL: files.URL, Tokens: svcToken{}}))
	cons, err := messaging.NewConsumer(db, messaging.ConsumerConfig{Brokers: brokers, Group: consumer.Group,
		Topics: consumer.Topics, Handlers: consumer.Handlers(app.NewTaskViews(), e.Store.TaskWrites), Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	intake, err := app.NewIntakeWorker(e.Service, 50*time.Millisecond, quiet)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{}, 2)
	go func() { _ = cons.Run(ctx); done <- struct{}{} }()
	go func() { _ = intake.Run(ctx); done <- struct{}{} }()
	defer func() { cancel(); <-done; <-done }()

	// Exchange: its own database and outbox.
	prod := storetest.OpenSQLite(t)
	if err := messaging.Migrate(ctx, prod); err != nil {
		t.Fatal(err)
	}
	out := messaging.NewOutbox(prod, messaging.OutboxConfig{Brokers: brokers, Logger: quiet})
	go func() { _ = out.Run(ctx) }()
	sum := sha256.Sum256([]byte(file))
	p := &eventsv1.ExchangeDocumentReceived{PackageId: "pk-1", RecipientAgencyId: testenv.ID("STTTT"),
		SenderCode: "000.00.00.H49", SenderName: "UBND tỉnh Quảng Ninh", OriginalNotation: "125/UBND-VX",
		PromulgationDate: "2026-03-02", TypeName: "Công văn", Summary: "Về phối hợp liên tỉnh", Urgency: "urgent",
		Files: []*eventsv1.ExchangeFile{{Index: 0, Name: "125.pdf", ContentType: "application/pdf", Size: int64(len(file)), Sha256: hex.EncodeToString(sum[:])}}}
	for range 2 {
		ev, err := envelope.New(ctx, events.SourceOfType(events.ExchangeDocumentReceived), events.ExchangeDocumentReceived, p.PackageId, p)
		if err != nil {
			t.Fatal(err)
		}
		if err := prod.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error { return out.Add(ctx, tx, ev) }); err != nil {
			t.Fatal(err)
		}
	}

	// Both events taken (the inbox holds them) and the document made.
	deadline := time.Now().Add(30 * time.Second)
	for e.Count(t, "inbox") < 2 || e.Count(t, "exchange_intake") > 0 || e.Count(t, "documents") == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("inbox %d, intake %d, documents %d", e.Count(t, "inbox"), e.Count(t, "exchange_intake"), e.Count(t, "documents"))
		}
		time.Sleep(50 * time.Millisecond)
	}
	page, err := e.Service.ListDocuments(e.Ctx("stttt.vt"), app.ListQuery{Box: "incoming", Channel: "exchange"})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("incoming box %+v %v", page.Items, err)
	}
	v, err := e.Service.GetDocument(e.Ctx("stttt.vt"), page.Items[0].Document.ID)
	if err != nil || v.Notation != "125/UBND-VX" || len(v.Attachments) != 1 || v.Receipt == nil || v.Receipt.Status != "received" {
		t.Fatalf("document %+v %v", v, err)
	}
}
