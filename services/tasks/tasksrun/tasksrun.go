// Package tasksrun runs the tasks service (the body of cmd/tasks), so that
// another program can run it in-process.
package tasksrun

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"

	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/config"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/endpoint"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/store"
)

// Run runs the service until ctx ends.
func Run(ctx context.Context) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	// The service's migrations run after the shared identity read model's
	// (store.Migrate): they move older rows into it.
	rt, err := svc.Start(ctx, "tasks", nil)
	if err != nil {
		return err
	}
	if err := store.Migrate(ctx, rt.DB); err != nil {
		return err
	}
	if err := idempotency.Migrate(ctx, rt.DB); err != nil {
		return err
	}
	st := store.New(rt.DB, rt.Outbox)
	a := app.New(app.Config{
		DB:       rt.DB,
		Repos:    st.Repos(),
		Identity: identityclient.New(rt.Config.IdentityURL, telemetry.HTTPClient(5*time.Second)),
		Source:   rt.Source,
	})
	if err := rt.Consume(consumer.Group, consumer.Topics, consumer.New(a, st.In).Map()); err != nil {
		return err
	}
	set := endpoint.New(a, rt.Authenticated)
	sched := app.Scheduler{App: a, Interval: time.Duration(cfg.RemindEverySeconds) * time.Second, Log: rt.Logger}
	return rt.Run(ctx, httpapi.NewHandler(set, rt.ServerOptions()), httpapi.OpenAPI, sched.Run,
		idempotency.Expirer(rt.DB, idempotency.DefaultRetention, rt.Logger))
}
