package consumer_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/blobs"
	"github.com/eoffice-vn/eoffice/pkg/broker"
	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/store"
)

const ourCode, sender = "000.00.00.H41", "000.00.00.G22"

// retryBudget is the consumers' budget for plain failures here, far under
// the time the issuer's events take to come.
const retryBudget = 250 * time.Millisecond

// TestFlowOverTheBroker wires the consumers as main does, on the embedded
// broker: a document issued to two outside organisations before identity
// told of its issuer waits for the read model (longer than the retry
// budget: its failure is marked lagging), then makes two packages,
// which its signed PDF moves on to be built; documents registering an
// incoming package's document queues status 03 to its sender, once.
func TestFlowOverTheBroker(t *testing.T) {
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

	db := storetest.OpenSQLite(t)
	if err := messaging.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	outbox := messaging.NewOutbox(db, messaging.OutboxConfig{Brokers: brokers, Logger: quiet})
	s := store.New(db, outbox)
	a := app.New(app.Deps{Store: s, Blobs: blobs.Files{Dir: t.TempDir()}, Logger: quiet})
	h := consumer.New(a, s.In)
	done := make(chan struct{}, 2)
	for _, c := range []struct {
		group    string
		topic    string
		handlers map[string]messaging.Handler
	}{
		{consumer.GroupIdentity, events.TopicIdentity, h.Identity()},
		{consumer.GroupDocuments, events.TopicDocuments, h.Documents()},
	} {
		cons, err := messaging.NewConsumer(db, messaging.ConsumerConfig{Brokers: brokers, Group: c.group, Topics: []string{c.topic},
			Handlers: c.handlers, Outbox: outbox, Logger: quiet, RetryBudget: retryBudget})
		if err != nil {
			t.Fatal(err)
		}
		go func() { _ = cons.Run(ctx); done <- struct{}{} }()
	}
	defer func() { cancel(); <-done; <-done }()

	prod := storetest.OpenSQLite(t)
	if err := messaging.Migrate(ctx, prod); err != nil {
		t.Fatal(err)
	}
	out := messaging.NewOutbox(prod, messaging.OutboxConfig{Brokers: brokers, Logger: quiet})
	go func() { _ = out.Run(ctx) }()
	publish := func(short, subject string, payload proto.Message) {
		t.Helper()
		ev, err := envelope.New(ctx, events.SourceOfType(short), short, subject, payload)
		if err != nil {
			t.Fatal(err)
		}
		if err := prod.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error { return out.Add(ctx, tx, ev) }); err != nil {
			t.Fatal(err)
		}
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); !ok(); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("timed out waiting for " + what)
			}
		}
	}

	publish(events.DocumentIssued, "d1", &eventsv1.DocumentIssued{DocumentId: "d1", Kind: "directive", Notation: "01/CT-UBND",
		IssuerUnitId: "vp", Summary: "Về PAPI", ExternalRecipientCodes: []string{sender, "000.00.00.H49"}})
	publish(events.DocumentIssued, "d2", &eventsv1.DocumentIssued{DocumentId: "d2", IssuerUnitId: "vp", Notation: "02/CT-UBND"}) // internal only
	// The issuer arrives well after the retry budget: d1 waits on the lag
	// budget, as at a first start whose identity group joins late.
	time.Sleep(4 * retryBudget)
	publish(events.UnitCreated, "ubnd", &eventsv1.UnitCreated{UnitId: "ubnd", Kind: "agency", Code: ourCode, Name: "UBND tỉnh Nghệ An", Active: true})
	publish(events.UnitCreated, "vp", &eventsv1.UnitCreated{UnitId: "vp", Kind: "division", ParentId: "ubnd", Name: "Văn phòng", Active: true})
	publish(events.DocumentPdfReady, "d1", &eventsv1.DocumentPdfReady{DocumentId: "d1", IssuerUnitId: "vp", Notation: "01/CT-UBND"})

	list := func(q app.PackageQuery) []domain.Package {
		q.Limit = 50
		ps, err := s.Packages(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return ps
	}
	waitFor("two packages to be built", func() bool {
		return len(list(app.PackageQuery{Direction: domain.Out, State: domain.StateBuilding})) == 2
	})
	if ps := list(app.PackageQuery{Direction: domain.Out}); len(ps) != 2 || ps[0].AgencyID != "ubnd" || ps[0].OurCode != ourCode {
		t.Fatalf("outgoing = %+v", ps)
	}
	waitFor("the agency code in the read model", func() bool {
		codes, _ := s.AgencyCodes(ctx)
		return len(codes) == 1 && codes[0] == ourCode
	})

	body, err := edxml.Build(edxml.Package{From: edxml.Organisation{ID: sender}, To: []edxml.Organisation{{ID: ourCode}}, DocumentID: "x-1",
		Code: edxml.Code{Number: "5", Notation: "VPCP"}, PromulgationDate: "2026-03-01", Subject: "S"})
	if err != nil {
		t.Fatal(err)
	}
	kept, err := a.Keep(ctx, body, sender, "")
	if err != nil {
		t.Fatal(err)
	}
	if p, err := a.Validate(ctx, kept.Package.ID); err != nil || p.State != domain.StateAccepted {
		t.Fatalf("validate = %+v, %v", p, err)
	}
	id := kept.Package.ID
	publish(events.DocumentReceived, "in-1", &eventsv1.DocumentReceived{DocumentId: "in-1", Channel: "exchange", ExchangePackageId: id})
	for range 2 { // redelivered by documents with another event id: one status
		publish(events.DocumentRegistered, "in-1", &eventsv1.DocumentRegistered{DocumentId: "in-1", Channel: "exchange", ExchangePackageId: id})
	}
	publish(events.DocumentRegistered, "in-2", &eventsv1.DocumentRegistered{DocumentId: "in-2", Channel: "internal"})
	waitFor("status 03 queued", func() bool {
		p, err := s.Package(ctx, id)
		return err == nil && p.DocumentID == "in-1" && len(p.Statuses) == 2
	})
	ms, err := s.DueMessages(ctx, time.Now().Add(time.Hour), 10)
	if err != nil || len(ms) != 2 || ms[1].To != sender {
		t.Fatalf("messages = %+v, %v", ms, err)
	}
}
