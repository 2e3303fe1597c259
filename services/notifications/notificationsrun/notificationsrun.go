// Package notificationsrun runs the notifications service (the body of cmd/notifications), so that
// another program can run it in-process.
package notificationsrun

import (
	"context"
	"net/http"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/config"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/mail"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/webhook"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
)

// Run runs the service until ctx ends.
func Run(ctx context.Context) error {
	// The service's migrations run after the shared identity read model's
	// (store.Migrate): they move older rows into it.
	rt, err := svc.Start(ctx, "notifications", nil)
	if err != nil {
		return err
	}
	if err := store.Migrate(ctx, rt.DB); err != nil {
		return err
	}
	cfg, err := config.Load(rt.Config.DataDir)
	if err != nil {
		return err
	}
	box, err := rt.Config.SecretBox()
	if err != nil {
		return err
	}
	s := store.New(rt.DB, store.WithSecrets(box))
	// Secrets stored before encryption, or under a key since rotated, are
	// sealed again with the current EOFFICE_SECRET_KEY.
	if n, err := s.ResealSecrets(ctx); err != nil {
		return err
	} else if n > 0 {
		rt.Logger.Info("webhook secrets sealed with the current secret key", "secrets", n, "key_id", box.CurrentKeyID())
	}
	handlers := consumer.New(func(tx *pkgstore.Tx) app.EventStore { return s.InTx(tx) }, app.NewNotifier(rt.Logger, app.WithWebURL(cfg.WebURL)), app.NewDeliveries(nil))
	retry := svc.WithMaxAttempts(consumer.MaxAttempts)
	for _, c := range []struct {
		group    string
		topics   []string
		handlers map[string]messaging.Handler
		opts     []svc.ConsumeOption
	}{
		{consumer.GroupDirectory, []string{events.TopicIdentity}, handlers.Directory(), nil},
		{consumer.GroupTasks, []string{events.TopicTasks}, handlers.Tasks(), []svc.ConsumeOption{retry}},
		{consumer.GroupDocuments, []string{events.TopicDocuments}, handlers.Documents(), []svc.ConsumeOption{retry}},
		{consumer.GroupWebhooks, []string{events.TopicIdentity, events.TopicDocuments, events.TopicTasks, events.TopicNotifications}, handlers.Webhooks(), []svc.ConsumeOption{svc.WithLazyPayloads()}},
	} {
		if err := rt.Consume(c.group, c.topics, c.handlers, c.opts...); err != nil {
			return err
		}
	}

	var transport mail.Transport = mail.Dir{Path: cfg.MailDir, From: cfg.From}
	if cfg.SMTPAddr != "" {
		smtp, err := mail.NewSMTP(mail.SMTPConfig{Addr: cfg.SMTPAddr, Mode: cfg.SMTPMode, Auth: cfg.SMTPAuth,
			User: cfg.SMTPUser, Password: cfg.SMTPPassword, From: cfg.From, RootCAs: cfg.SMTPRootCAs})
		if err != nil {
			return err
		}
		defer smtp.Close()
		transport = smtp
		rt.Logger.Info("e-mail over SMTP", "addr", cfg.SMTPAddr, "mode", cfg.SMTPMode, "auth", cfg.SMTPAuth)
	}
	sender := mail.NewSender(s, rt.Outbox, transport, mail.SenderConfig{Source: rt.Source}, rt.Logger)
	guard := webhook.Guard{AllowPrivate: cfg.AllowPrivate}
	// HTTPS_PROXY, HTTP_PROXY and NO_PROXY (read once): deliveries go out
	// through the operator's egress proxy, their targets checked by the
	// guard before the proxy is asked.
	deliverer := webhook.NewDeliverer(s, rt.Outbox, guard, webhook.Config{Source: rt.Source, Proxy: http.ProxyFromEnvironment}, rt.Logger)

	rt.WatchQueue(svc.Queue{Name: "email", Table: "email_outbox"})
	rt.WatchQueue(svc.Queue{Name: "webhook", Table: "webhook_deliveries"})

	eps := endpoint.New(app.New(s.Repo(), nil, guard), rt.Authenticated)
	workers := []svc.Worker{deliverer.Run,
		pkgstore.Expirer("sent e-mails", cfg.EmailRetention, s.ExpireSentEmails, rt.Logger),
		pkgstore.Expirer("webhook deliveries", cfg.WebhookRetention, s.ExpireDeliveries, rt.Logger)}
	if cfg.MailPaused {
		rt.Logger.Warn("e-mail paused (EOFFICE_MAIL_PAUSED): mails stay queued until started without it")
	} else {
		workers = append(workers, sender.Run)
	}
	return rt.Run(ctx, httpapi.NewHandler(eps, rt.ServerOptions()...), notificationsapi.OpenAPI, workers...)
}
