package svc

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"sync/atomic"

	"github.com/go-kit/kit/endpoint"
	"github.com/go-kit/kit/transport"
	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"
)

// Runtime is a started service's shared machinery.
type Runtime struct {
	Config   Config
	Logger   *slog.Logger
	DB       *store.DB
	Outbox   *messaging.Outbox
	Verifier *auth.Verifier
	// Source is the ce_source of the service's events: /eoffice/<service>.
	Source string

	consumers         []*messaging.Consumer
	draining          atomic.Bool    // set on stop: /readyz fails from then on
	anonymous         *http.ServeMux // AllowAnonymous's routes
	shutdownTelemetry func(context.Context) error
}

// Start loads the configuration, sets up logs and telemetry, opens the
// database and applies the messaging schema and the service's migrations
// (goose files at the root of migrations; nil for none).
func Start(ctx context.Context, service string, migrations fs.FS) (*Runtime, error) {
	cfg, err := LoadConfig(service)
	if err != nil {
		return nil, err
	}
	logger := telemetry.NewLogger(os.Stderr, service)
	slog.SetDefault(logger)
	shutdown, err := telemetry.Setup(ctx, service)
	if err != nil {
		return nil, fmt.Errorf("telemetry: %w", err)
	}
	db, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return nil, err
	}
	if err := messaging.Migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	if migrations != nil {
		if err := db.Migrate(ctx, "goose_"+service, migrations); err != nil {
			db.Close()
			return nil, err
		}
	}
	rt := &Runtime{
		Config:            cfg,
		Logger:            logger,
		DB:                db,
		Outbox:            messaging.NewOutbox(db, messaging.OutboxConfig{Service: service, Brokers: cfg.Brokers, Kafka: cfg.Kafka, Logger: logger}),
		Verifier:          auth.NewVerifier(cfg.IdentityURL+"/.well-known/jwks.json", cfg.IdentityURL, auth.WithHTTPClient(telemetry.HTTPClient(0))),
		Source:            events.Source(service), // consumers accept this topic owner only
		shutdownTelemetry: shutdown,
	}
	logger.Info("service started", "addr", cfg.Addr, "db_dialect", string(db.Dialect), "kafka", cfg.Kafka.Describe())
	return rt, nil
}

// Public is the middleware set of an endpoint anyone may call: tracing,
// logging and metrics, applied once; requests that a decoder wrapped in
// httpx.Deferred could not decode are answered here.
func (rt *Runtime) Public(name string) endpoint.Middleware {
	return endpoint.Chain(telemetry.Endpoint(rt.Logger, rt.Config.Service, rt.Config.Service+"."+name), httpx.RejectUndecodable)
}

// Authenticated adds token verification inside the observability set, so
// that rejected calls are traced and counted too, and before the decode
// errors of deferred decoders, so that a caller without a valid token
// learns nothing about its body.
func (rt *Runtime) Authenticated(name string) endpoint.Middleware {
	return endpoint.Chain(telemetry.Endpoint(rt.Logger, rt.Config.Service, rt.Config.Service+"."+name),
		auth.Middleware(rt.Verifier), httpx.RejectUndecodable)
}

// ServerOptions are the go-kit HTTP server options of every route: the
// bearer token into the context, one error encoder, errors logged.
func (rt *Runtime) ServerOptions() []kithttp.ServerOption {
	return []kithttp.ServerOption{
		kithttp.ServerBefore(auth.HTTPToContext()),
		kithttp.ServerErrorEncoder(httpx.ErrorEncoder),
		kithttp.ServerErrorHandler(transport.ErrorHandlerFunc(func(ctx context.Context, err error) {
			if httpx.ProblemFor(err).Status >= 500 {
				rt.Logger.ErrorContext(ctx, "request failed", "error", err)
			}
		})),
	}
}

// ConsumeOption adjusts one consumer's configuration.
type ConsumeOption func(*messaging.ConsumerConfig)

// WithMaxAttempts sets how many times a failing handler runs before its
// message is dead-lettered (a handler that waits for a lagging read model
// may need more than the default).
func WithMaxAttempts(n int) ConsumeOption {
	return func(c *messaging.ConsumerConfig) { c.MaxAttempts = n }
}

// WithLazyPayloads leaves payloads to the handlers
// (messaging.ConsumerConfig.LazyPayloads), for a group whose handlers
// mostly never read them.
func WithLazyPayloads() ConsumeOption {
	return func(c *messaging.ConsumerConfig) { c.LazyPayloads = true }
}

// Consume registers a consumer of topics in group with handlers by short
// event type; it runs with Run.
func (rt *Runtime) Consume(group string, topics []string, handlers map[string]messaging.Handler, opts ...ConsumeOption) error {
	cfg := messaging.ConsumerConfig{
		Service:  rt.Config.Service,
		Brokers:  rt.Config.Brokers,
		Kafka:    rt.Config.Kafka,
		Group:    group,
		Topics:   topics,
		Handlers: handlers,
		Outbox:   rt.Outbox,
		Logger:   rt.Logger,
	}
	for _, o := range opts {
		o(&cfg)
	}
	c, err := messaging.NewConsumer(rt.DB, cfg)
	if err != nil {
		return fmt.Errorf("consumer %s: %w", group, err)
	}
	rt.consumers = append(rt.consumers, c)
	// The size of the DLQs of what the service reads, on its /metrics.
	messaging.WatchDLQ(rt.Config.Service, rt.Config.Brokers, rt.Config.Kafka, rt.Logger, topics...)
	return nil
}
