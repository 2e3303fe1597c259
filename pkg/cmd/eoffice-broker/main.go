// Command eoffice-broker runs the embedded, durable Kafka-protocol broker of
// the one-machine stack, with every eoffice topic created at start.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"

	"github.com/eoffice-vn/eoffice/pkg/version"

	"github.com/eoffice-vn/eoffice/pkg/broker"
	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"
)

func main() {
	version.Handle("eoffice-broker", os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "eoffice-broker:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	log := telemetry.NewLogger(os.Stderr, "broker")
	partitions, err := strconv.Atoi(envconf.Env("EOFFICE_KAFKA_PARTITIONS", "6"))
	if err != nil || partitions < 1 {
		return fmt.Errorf("EOFFICE_KAFKA_PARTITIONS must be a positive number")
	}
	syncWrites, err := envconf.EnvBool("EOFFICE_KAFKA_SYNC_WRITES", false)
	if err != nil {
		return err
	}
	// The broker authenticates no one: it stays on loopback unless the
	// operator says otherwise, knowingly.
	allowRemote, err := envconf.EnvBool("EOFFICE_KAFKA_ALLOW_REMOTE", false)
	if err != nil {
		return err
	}
	dir := filepath.Join(envconf.Env("EOFFICE_DATA_DIR", "./data"), "kafka")
	b, err := broker.Start(broker.Config{
		Addr:        envconf.Env("EOFFICE_KAFKA_ADDR", "127.0.0.1:9092"),
		DataDir:     dir,
		Partitions:  partitions,
		Topics:      events.Topics(),
		SyncWrites:  syncWrites,
		AllowRemote: allowRemote,
	})
	if err != nil {
		return err
	}
	reach := "loopback only"
	if allowRemote {
		reach = "EOFFICE_KAFKA_ALLOW_REMOTE: reachable beyond this machine"
	}
	log.Info("broker listening", "addr", b.Addr(), "data_dir", dir, "partitions", partitions, "sync_writes", syncWrites,
		"reach", reach, "authentication", "none: any process that reaches it can write events")
	svc.ServePprof(ctx, "broker", log) // only when EOFFICE_BROKER_PPROF_ADDR or EOFFICE_PPROF_ADDR is set
	<-ctx.Done()
	b.Close()
	log.Info("broker stopped")
	return nil
}
