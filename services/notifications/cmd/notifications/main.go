// Command notifications runs the notifications service: the recipient
// directory fed by identity events, in-app notifications made from task
// events, and the API to read them.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/endpoint"
	nevents "github.com/eoffice-vn/eoffice/services/notifications/internal/events"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/httpapi"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "notifications:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	rt, err := svc.Start(ctx, "notifications", store.Migrations)
	if err != nil {
		return err
	}
	s := store.New(rt.DB)
	handlers := nevents.New(s, app.NewNotifier(s, rt.Logger))
	if err := rt.Consume(nevents.GroupDirectory, []string{events.TopicIdentity}, handlers.Directory()); err != nil {
		return err
	}
	if err := rt.Consume(nevents.GroupTasks, []string{events.TopicTasks}, handlers.Tasks()); err != nil {
		return err
	}
	eps := endpoint.New(app.New(s, nil), rt.Authenticated)
	return rt.Run(ctx, httpapi.NewHandler(eps, rt.ServerOptions()...), httpapi.OpenAPI)
}
