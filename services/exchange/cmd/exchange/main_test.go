package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"
	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/broker"
	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/freeaddr"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
)

// TestServiceWithFolders runs the service as its binary does, with the
// folder transport on the embedded broker: a package file dropped into the
// in folder comes out as exchange.document_received, and documents
// registering the document it became writes status 03 into the out folder.
func TestServiceWithFolders(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a broker and the service")
	}
	ctx, cancel := context.WithCancel(context.Background())
	b, err := broker.Start(broker.Config{Addr: "127.0.0.1:0", DataDir: t.TempDir(), Partitions: 1, Topics: events.Topics()})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	addr, err := freeaddr.Get()
	if err != nil {
		t.Fatal(err)
	}
	data := t.TempDir()
	in, out := filepath.Join(data, "in"), filepath.Join(data, "out")
	for k, v := range map[string]string{
		"EOFFICE_DATA_DIR": data, "EOFFICE_KAFKA_BROKERS": b.Addr(), "EOFFICE_EXCHANGE_ADDR": addr,
		"EOFFICE_EXCHANGE_TRANSPORT": "folder", "EOFFICE_EXCHANGE_IN_DIR": in, "EOFFICE_EXCHANGE_OUT_DIR": out,
		"EOFFICE_EXCHANGE_POLL_INTERVAL": "100ms", "EOFFICE_EXCHANGE_DB": "", "EOFFICE_EXCHANGE_ADMIN_ADDR": "",
	} {
		t.Setenv(k, v)
	}
	stopped := make(chan error, 1)
	go func() { stopped <- run(ctx) }()
	defer func() {
		cancel()
		if err := <-stopped; err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("run: %v", err)
		}
	}()

	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	prod := storetest.OpenSQLite(t)
	if err := messaging.Migrate(ctx, prod); err != nil {
		t.Fatal(err)
	}
	outbox := messaging.NewOutbox(prod, messaging.OutboxConfig{Brokers: []string{b.Addr()}, Logger: quiet})
	go func() { _ = outbox.Run(ctx) }()
	publish := func(short, subject string, payload proto.Message) {
		t.Helper()
		ev, err := envelope.New(ctx, events.SourceOfType(short), short, subject, payload)
		if err != nil {
			t.Fatal(err)
		}
		if err := prod.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error { return outbox.Add(ctx, tx, ev) }); err != nil {
			t.Fatal(err)
		}
	}
	const ours, sender = "000.00.00.H41", "000.00.00.G22"
	publish(events.UnitCreated, "ubnd", &eventsv1.UnitCreated{UnitId: "ubnd", Kind: "agency", Code: ours, Name: "UBND tỉnh Nghệ An", Active: true})

	body, err := edxml.Build(edxml.Package{From: edxml.Organisation{ID: sender, Name: "Văn phòng Chính phủ"}, To: []edxml.Organisation{{ID: ours}},
		DocumentID: "vpcp-1", Code: edxml.Code{Number: "7816", Notation: "VPCP-TTĐT"}, PromulgationDate: "2026-03-01", Subject: "Về PAPI",
		Attachments: []edxml.Attachment{{Name: "7816.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4")}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(in, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, ".drop.tmp"), body, 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(in, ".drop.tmp"), filepath.Join(in, "vpcp-1.edxml")); err != nil {
		t.Fatal(err)
	}

	// The event documents would read.
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{b.Addr()}, Topic: events.TopicExchange, MaxWait: 50 * time.Millisecond})
	defer r.Close()
	var received eventsv1.ExchangeDocumentReceived
	for {
		rctx, rcancel := context.WithTimeout(ctx, 60*time.Second)
		m, err := r.ReadMessage(rctx)
		rcancel()
		if err != nil {
			t.Fatalf("no exchange event: %v", err)
		}
		ev, err := envelope.FromMessage(m)
		if err != nil {
			t.Fatal(err)
		}
		if short, _ := ev.Short(); short == events.ExchangeDocumentReceived {
			if err := ev.Decode(&received); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	if received.RecipientAgencyId != "ubnd" || received.SenderCode != sender || received.OriginalNotation != "7816/VPCP-TTĐT" || len(received.Files) != 1 {
		t.Fatalf("event = %+v", &received)
	}

	publish(events.DocumentRegistered, "in-1", &eventsv1.DocumentRegistered{DocumentId: "in-1", RecipientAgencyId: "ubnd",
		Channel: "exchange", ExchangePackageId: received.PackageId})
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		codes := statusesIn(t, out)
		if strings.Contains(codes, "03") {
			if !strings.Contains(codes, "01") {
				t.Fatalf("statuses written: %s", codes)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no status 03 in the out folder (have %q)", codes)
		}
	}
	if _, err := os.Stat(filepath.Join(in, "processed", "vpcp-1.edxml")); err != nil {
		t.Fatalf("the package file was not acknowledged: %v", err)
	}
}

// statusesIn reads the status codes of the messages in dir.
func statusesIn(t *testing.T, dir string) string {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var codes []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".edxml") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		_, st, err := edxml.Read(strings.NewReader(string(b)), edxml.DefaultLimits)
		if err == nil && st != nil {
			codes = append(codes, st.Code)
		}
	}
	return strings.Join(codes, ",")
}
