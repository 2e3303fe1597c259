// Package brokerrun runs the embedded broker of the one-machine stack
// (eoffice-broker's body), so that another program can run it in-process.
package brokerrun

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/kafkaconn"

	"github.com/eoffice-vn/eoffice/pkg/broker"
	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/svc"
	"github.com/eoffice-vn/eoffice/pkg/telemetry"
)

// DefaultRetention is 14 days, the window deploy/README.md's backups count
// on: a database restored from last night's backup replays from Kafka.
const DefaultRetention = "336h"

// Run runs the broker until ctx ends.
func Run(ctx context.Context) error {
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
	serverTLS, err := serverTLS(sec)
	if err != nil {
		return err
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
		TLS:         serverTLS,
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
	transport := "plaintext"
	if serverTLS != nil {
		transport = "TLS"
	}
	log.Info("broker listening", "addr", b.Addr(), "transport", transport, "data_dir", dir, "partitions", partitions, "sync_writes", syncWrites,
		"reach", reach, "authentication", authn, "retention", retention.String())
	svc.ServePprof(ctx, "broker", log) // only when EOFFICE_BROKER_PPROF_ADDR or EOFFICE_PPROF_ADDR is set
	<-ctx.Done()
	b.Close()
	log.Info("broker stopped")
	return nil
}

// serverTLS is the broker's TLS from EOFFICE_KAFKA_TLS_SERVER_CERT_FILE and
// _KEY_FILE, nil for plaintext. The stack's clients share the broker's
// environment, so the two sides must agree: a certificate without
// EOFFICE_KAFKA_TLS_ENABLED=true would leave them speaking plaintext to a
// TLS listener, and the reverse TLS to a plaintext one.
func serverTLS(sec kafkaconn.Config) (*tls.Config, error) {
	cert, key := envconf.Env("EOFFICE_KAFKA_TLS_SERVER_CERT_FILE", ""), envconf.Env("EOFFICE_KAFKA_TLS_SERVER_KEY_FILE", "")
	switch {
	case (cert == "") != (key == ""):
		return nil, errors.New("EOFFICE_KAFKA_TLS_SERVER_CERT_FILE and EOFFICE_KAFKA_TLS_SERVER_KEY_FILE go together")
	case cert == "" && sec.TLS:
		return nil, errors.New("EOFFICE_KAFKA_TLS_ENABLED=true: the embedded broker needs its certificate, " +
			"EOFFICE_KAFKA_TLS_SERVER_CERT_FILE and EOFFICE_KAFKA_TLS_SERVER_KEY_FILE (PEM)")
	case cert == "":
		return nil, nil
	case !sec.TLS:
		return nil, errors.New("EOFFICE_KAFKA_TLS_SERVER_CERT_FILE set but EOFFICE_KAFKA_TLS_ENABLED is not true: " +
			"the stack's clients would speak plaintext to a TLS broker")
	}
	return broker.ServerTLS(cert, key)
}
