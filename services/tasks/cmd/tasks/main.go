// Command tasks runs the tasks service: assignments from issued documents,
// their follow-up, and the task API.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/eoffice-vn/eoffice/services/tasks/tasksrun"

	"github.com/eoffice-vn/eoffice/pkg/version"
)

func main() {
	version.Handle("tasks", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := tasksrun.Run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "tasks:", err)
		os.Exit(1)
	}
}
