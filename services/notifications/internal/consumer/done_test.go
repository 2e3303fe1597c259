package consumer_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/broker"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/mail"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/testsmtp"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
)

// TestDirectiveReachesTheLeaderOnEveryChannel wires the service as main
// does — every consumer group on the embedded broker, the e-mail sender on
// a real SMTP server, the webhook deliverer — and plays what identity,
// documents and tasks publish when a directive with a due date is issued to
// a unit: its leader gets one in-app notification, one Vietnamese e-mail,
// and the registered integration one signed delivery of task.assigned.
// Every event is published twice (a producer's retry): nothing doubles.
func TestDirectiveReachesTheLeaderOnEveryChannel(t *testing.T) {
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
	s := store.New(db)
	out := messaging.NewOutbox(db, messaging.OutboxConfig{Brokers: brokers, Logger: quiet})
	h := consumer.New(func(tx *pkgstore.Tx) app.EventStore { return s.InTx(tx) }, app.NewNotifier(quiet, app.WithWebURL("https://eoffice.example.vn")), app.NewDeliveries(nil))

	// The integration: verifies every signature, keeps what it accepts.
	const secret = "integration-secret-0001"
	var (
		mu       sync.Mutex
		received []map[string]any
	)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		sig := r.Header.Get(webhook.SignatureHeader)
		ts, v1, _ := strings.Cut(strings.TrimPrefix(sig, "t="), ",v1=")
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write([]byte(ts + "." + string(body)))
		if !hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(v1)) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var ce map[string]any
		_ = json.Unmarshal(body, &ce)
		mu.Lock()
		received = append(received, ce)
		mu.Unlock()
	}))
	defer hook.Close()
	guard := webhook.Guard{AllowPrivate: true} // the integration listens on loopback
	svc := app.New(s.Repo(), nil, guard)
	adminCtx := authContext("admin")
	if _, err := svc.RegisterWebhook(adminCtx, app.WebhookRequest{URL: hook.URL, EventTypes: []string{events.TaskAssigned}, Secret: secret}); err != nil {
		t.Fatal(err)
	}

	smtpSrv := testsmtp.Start(t)
	sender := mail.NewSender(s, out, smtpTo(t, smtpSrv.Addr),
		mail.SenderConfig{Poll: 20 * time.Millisecond}, quiet)
	deliverer := webhook.NewDeliverer(s, out, guard, webhook.Config{Poll: 20 * time.Millisecond}, quiet)

	var wg sync.WaitGroup
	run := func(f func(context.Context) error) {
		wg.Add(1)
		go func() { defer wg.Done(); _ = f(ctx) }()
	}
	for _, c := range []struct {
		group    string
		topics   []string
		handlers map[string]messaging.Handler
		lazy     bool // as main runs the group
	}{
		{consumer.GroupDirectory, []string{events.TopicIdentity}, h.Directory(), false},
		{consumer.GroupTasks, []string{events.TopicTasks}, h.Tasks(), false},
		{consumer.GroupDocuments, []string{events.TopicDocuments}, h.Documents(), false},
		{consumer.GroupWebhooks, []string{events.TopicIdentity, events.TopicDocuments, events.TopicTasks, events.TopicNotifications}, h.Webhooks(), true},
	} {
		cons, err := messaging.NewConsumer(db, messaging.ConsumerConfig{Brokers: brokers, Group: c.group, Topics: c.topics,
			Handlers: c.handlers, Outbox: out, Logger: quiet, MaxAttempts: consumer.MaxAttempts, LazyPayloads: c.lazy})
		if err != nil {
			t.Fatal(err)
		}
		run(cons.Run)
	}
	run(out.Run)
	run(sender.Run)
	run(deliverer.Run)
	defer func() { cancel(); wg.Wait() }()

	// The producers: every event goes out twice, through two outboxes, as
	// after a relay crashed between publishing and marking its rows.
	type producer struct {
		db  *pkgstore.DB
		out *messaging.Outbox
	}
	var producers []producer
	for range 2 {
		pdb := storetest.OpenSQLite(t)
		if err := messaging.Migrate(ctx, pdb); err != nil {
			t.Fatal(err)
		}
		p := producer{pdb, messaging.NewOutbox(pdb, messaging.OutboxConfig{Brokers: brokers, Logger: quiet})}
		run(p.out.Run)
		producers = append(producers, p)
	}
	publish := func(short, subject string, payload proto.Message) {
		t.Helper()
		ev, err := envelope.New(ctx, events.SourceOfType(short), short, subject, payload)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range producers {
			if err := p.db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error { return p.out.Add(ctx, tx, ev) }); err != nil {
				t.Fatal(err)
			}
		}
	}
	publish(events.UnitCreated, "ubnd", &eventsv1.UnitCreated{UnitId: "ubnd", Kind: "agency", AgencyId: "ubnd", Name: "Ủy ban nhân dân tỉnh", ShortName: "UBND", Active: true})
	publish(events.UnitCreated, "stttt", &eventsv1.UnitCreated{UnitId: "stttt", ParentId: "ubnd", Kind: "agency", AgencyId: "stttt", Name: "Sở Thông tin và Truyền thông", ShortName: "STTTT", Active: true})
	publish(events.UserCreated, "l1", &eventsv1.UserCreated{UserId: "l1", Username: "stttt.lanhdao", FullName: "Nguyễn Thị Lan", Email: "lan@stttt.example.vn", UnitId: "stttt", AgencyId: "stttt", Roles: []string{"leader"}, Active: true})
	publish(events.DocumentIssued, "doc-1", &eventsv1.DocumentIssued{DocumentId: "doc-1", Kind: "directive", Notation: "07/CT-UBND", IssuerUnitId: "ubnd",
		RecipientUnitIds: []string{"stttt"}, Urgency: "urgent", Confidentiality: "normal", Summary: "Về việc nâng cao Chỉ số PAPI", DueDate: "2026-12-31"})
	publish(events.TaskAssigned, "task-1", &eventsv1.TaskAssigned{TaskId: "task-1", SourceDocumentId: "doc-1", AssignerUnitId: "ubnd", AssigneeUnitId: "stttt",
		Role: "lead", Title: "Về việc nâng cao Chỉ số PAPI", DueDate: "2026-12-31", Urgency: "urgent", SourceNotation: "07/CT-UBND"})

	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		hooks := len(received)
		mu.Unlock()
		if len(smtpSrv.Messages()) >= 1 && hooks >= 1 {
			break
		}
		if time.Now().After(deadline) {
			items, _, _ := s.List(ctx, domain.NotificationFilter{UserID: "l1", Limit: 10})
			queued, _ := s.EmailsTo(ctx, "l1")
			t.Fatalf("after 30 s: %d e-mails (%d queued), %d webhook deliveries, in-app %+v", len(smtpSrv.Messages()), len(queued), hooks, items)
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // room for any duplicate to show up

	items, _, err := s.List(ctx, domain.NotificationFilter{UserID: "l1", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].Type != domain.TypeTaskAssigned || items[0].Title != "[Khẩn] Nhiệm vụ mới: Về việc nâng cao Chỉ số PAPI" {
		t.Fatalf("in-app: %+v", items)
	}
	mails := smtpSrv.Messages()
	if len(mails) != 1 || mails[0].To != "lan@stttt.example.vn" {
		t.Fatalf("e-mails: %d", len(mails))
	}
	msg, err := netmail.ReadMessage(strings.NewReader(string(mails[0].Data)))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != items[0].Title || msg.Header.Get("Message-ID") != domain.MessageIDFor(items[0].ID) {
		t.Fatalf("e-mail subject %q, Message-ID %q", subject, msg.Header.Get("Message-ID"))
	}
	mu.Lock()
	defer mu.Unlock()
	if len(received) != 1 || received[0]["type"] != "vn.eoffice.task.assigned" || received[0]["subject"] != "task-1" {
		t.Fatalf("webhook deliveries: %v", received)
	}
}

// authContext is the context of a verified caller with roles.
func authContext(sub string, roles ...string) context.Context {
	if len(roles) == 0 {
		roles = []string{auth.RoleAdmin}
	}
	return auth.NewContext(context.Background(), auth.Principal{Subject: sub, Roles: roles})
}

// smtpTo is a clear-text transport to the test server.
func smtpTo(t *testing.T, addr string) *mail.SMTP {
	t.Helper()
	tr, err := mail.NewSMTP(mail.SMTPConfig{Addr: addr, Mode: mail.ModeNone,
		From: netmail.Address{Name: "Hệ thống eOffice", Address: "no-reply@eoffice.test"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tr.Close() })
	return tr
}
