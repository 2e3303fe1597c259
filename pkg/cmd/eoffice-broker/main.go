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
	"time"

	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"
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

// DefaultRetention is 14 days, the window deploy/README.md's backups count
// on: a database restored from last night's backup replays from Kafka.
const DefaultRetention = "336h"

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
	// Without SASL the broker authenticates no one: it stays on loopback
	// unless the operator says otherwise, knowingly.
	allowRemote, err := envconf.EnvBool("EOFFICE_KAFKA_ALLOW_REMOTE", false)
	if err != nil {
		return err
	}
	retention, err := time.ParseDuration(envconf.Env("EOFFICE_KAFKA_RETENTION", DefaultRetention))
	if err != nil || retention <= 0 {
		return fmt.Errorf("EOFFICE_KAFKA_RETENTION must be a positive duration such as 336h")
	}
	// The clients' SASL settings, when set, are also the broker's one
	// user: the services and the CLI of this machine share the stack's
	// environment, and a client without them is refused.
	sec, err := kafkaconn.Load()
	if err != nil {
		return err
	}
	var users []broker.User
	if sec.Mechanism != "" {
		users = append(users, broker.User{Mechanism: sec.Mechanism, Name: sec.Username, Password: sec.Password})
	}
	if sec.TLS {
		return fmt.Errorf("EOFFICE_KAFKA_TLS_ENABLED: the embedded broker speaks no TLS; keep it on loopback, or run Kafka (deploy/)")
	}
	dir := filepath.Join(envconf.Env("EOFFICE_DATA_DIR", "./data"), "kafka")
	b, err := broker.Start(broker.Config{
		Addr:        envconf.Env("EOFFICE_KAFKA_ADDR", "127.0.0.1:9092"),
		DataDir:     dir,
		Partitions:  partitions,
		Topics:      events.Topics(),
		Compacted:   []string{events.TopicDLQAudit},
		Retention:   retention,
		SyncWrites:  syncWrites,
		AllowRemote: allowRemote,
		Users:       users,
	})
	if err != nil {
		return err
	}
	reach := "loopback only"
	if allowRemote {
		reach = "EOFFICE_KAFKA_ALLOW_REMOTE: reachable beyond this machine"
	}
	authn := "none: any process that reaches it can write events"
	if len(users) > 0 {
		authn = "SASL " + sec.Mechanism + " required"
	}
	log.Info("broker listening", "addr", b.Addr(), "data_dir", dir, "partitions", partitions, "sync_writes", syncWrites,
		"reach", reach, "authentication", authn, "retention", retention.String())
	svc.ServePprof(ctx, "broker", log) // only when EOFFICE_BROKER_PPROF_ADDR or EOFFICE_PPROF_ADDR is set
	<-ctx.Done()
	b.Close()
	log.Info("broker stopped")
	return nil
}
