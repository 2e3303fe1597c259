// Command notifications runs the notifications service: the recipient
// directory fed by identity events, the rules that turn document and task
// events into in-app notifications and e-mails, the e-mail sender, webhook
// deliveries of every event, and the API.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/eoffice-vn/eoffice/services/notifications/notificationsrun"

	"github.com/eoffice-vn/eoffice/pkg/version"
)

func main() {
	version.Handle("notifications", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := notificationsrun.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "notifications:", err)
		os.Exit(1)
	}
}
