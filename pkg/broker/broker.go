// Package broker runs the embedded, durable Kafka-protocol broker of the
// one-machine stack (kfake from franz-go), persisting to a data folder.
//
// Two measured traps shape it (ARCHITECTURE.md): kfake writes topic metadata
// only at start and at a clean close, so a topic auto-created at run time is
// lost to a crash — every topic is therefore created here at start and
// auto-creation stays off; and every fetch copies up to its MaxBytes from
// disk — readers keep MaxBytes at 1 MB or less (see pkg/messaging).
package broker

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
)

// Config of the embedded broker.
type Config struct {
	Addr       string   // host:port to listen on, e.g. 127.0.0.1:9092 (port 0: any free port)
	DataDir    string   // where the log lives; empty keeps everything in memory (tests only)
	Partitions int      // partitions of every topic
	Topics     []string // every topic to create at start, dead-letter topics included
	// SyncWrites fsyncs every batch and offset commit. Without it each is
	// written to the log file at once and left to the OS to flush, as
	// Kafka does by default: a killed broker loses nothing (the kernel
	// keeps what was written), only a power loss may drop the last
	// writes — the same bar as the services' SQLite (synchronous=NORMAL).
	// Measured: the fsyncs, done in kfake's one request loop, took 40% of
	// the broker's CPU under report submissions and held every other
	// request while they ran.
	SyncWrites bool
	// AllowRemote lets Addr be other than a loopback address. Without
	// Users the broker has no authentication: whoever reaches it can write
	// any event (the consumers only check that an event's type and
	// ce_source fit its topic). Off, Start refuses a non-loopback address
	// unless Users are set.
	AllowRemote bool
	// Retention is the retention.ms every topic of Topics is created with
	// (0: none set, the broker keeps everything). The backups rely on it:
	// an event older than the retention is only in the databases.
	Retention time.Duration
	// Compacted topics are created with cleanup.policy=compact and no
	// retention: they keep the last value of every key (the DLQ audit).
	Compacted []string
	// Users, when set, make the broker require SASL: only these users
	// connect. They are superusers: per-topic ACLs are a real cluster's
	// business (deploy/README.md); here the point is that a client without
	// the credentials is refused.
	Users []User
	// TLS, when set, is the listener's TLS configuration (its certificate
	// at least): the broker then speaks TLS only, and a plaintext client
	// fails its first request. Nil: plaintext. TLS encrypts and proves the
	// broker to clients; it authenticates no client (Users do that).
	TLS *tls.Config
}

// ServerTLS loads a broker certificate and key (PEM files) into a server
// TLS configuration, TLS 1.2 at least.
func ServerTLS(certFile, keyFile string) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("broker TLS certificate: %w", err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}

// User is one SASL user of the broker.
type User struct {
	Mechanism string // SCRAM-SHA-256, SCRAM-SHA-512 or PLAIN
	Name      string
	Password  string
}

// Broker is a running embedded broker.
type Broker struct {
	cluster *kfake.Cluster
	addr    string
}

// Start starts the broker and returns once it listens.
func Start(cfg Config) (*Broker, error) {
	host, portStr, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("broker address %q: %w", cfg.Addr, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, fmt.Errorf("broker port %q: %w", portStr, err)
	}
	if cfg.Partitions <= 0 {
		return nil, errors.New("broker: partitions must be positive")
	}
	if host == "" {
		host = "127.0.0.1"
	}
	if !cfg.AllowRemote && len(cfg.Users) == 0 && !Loopback(host) {
		return nil, fmt.Errorf("broker address %q: not a loopback address; the embedded broker is unauthenticated, "+
			"so it listens on 127.0.0.1 or ::1 only (set EOFFICE_KAFKA_ALLOW_REMOTE=true to expose it anyway, "+
			"to anyone who can reach it)", cfg.Addr)
	}
	opts := []kfake.Opt{
		kfake.NumBrokers(1),
		kfake.Ports(port),
		kfake.ClusterID("eoffice"),
		kfake.DefaultNumPartitions(cfg.Partitions),
		// kfake always asks for 127.0.0.1:port; honour the configured host.
		kfake.ListenFn(func(network, addr string) (net.Listener, error) {
			_, p, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			return net.Listen(network, net.JoinHostPort(host, p))
		}),
	}
	if len(cfg.Users) > 0 {
		opts = append(opts, kfake.EnableSASL())
		for _, u := range cfg.Users {
			opts = append(opts, kfake.Superuser(u.Mechanism, u.Name, u.Password))
		}
	}
	if cfg.TLS != nil {
		opts = append(opts, kfake.TLS(cfg.TLS))
	}
	if cfg.DataDir != "" {
		opts = append(opts, kfake.DataDir(cfg.DataDir))
		if cfg.SyncWrites {
			opts = append(opts, kfake.SyncWrites())
		}
	}
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		return nil, fmt.Errorf("start broker on %s: %w", cfg.Addr, err)
	}
	if err := createTopics(c, cfg); err != nil {
		c.Close()
		return nil, err
	}
	addrs := c.ListenAddrs()
	if len(addrs) == 0 {
		c.Close()
		return nil, errors.New("start broker: no listener")
	}
	return &Broker{cluster: c, addr: addrs[0]}, nil
}

// createTopics creates the topics missing from the log (all of them on a
// first start) with their configuration; topics already there keep
// theirs. Created here, not seeded: kfake's seeding takes no configs.
func createTopics(c *kfake.Cluster, cfg Config) error {
	var plain map[string]string
	if cfg.Retention > 0 {
		plain = map[string]string{"retention.ms": strconv.FormatInt(cfg.Retention.Milliseconds(), 10)}
	}
	compact := map[string]string{"cleanup.policy": "compact"}
	for _, set := range []struct {
		topics  []string
		configs map[string]string
	}{{cfg.Topics, plain}, {cfg.Compacted, compact}} {
		for _, t := range set.topics {
			if c.TopicInfo(t) != nil {
				continue
			}
			if err := c.CreateTopic(t, int32(cfg.Partitions), set.configs); err != nil {
				return fmt.Errorf("create topic %s: %w", t, err)
			}
		}
	}
	return nil
}

// Loopback reports whether host is "localhost" or a loopback IP address.
func Loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// Addr is the address clients dial.
func (b *Broker) Addr() string { return b.addr }

// Close stops the broker, writing its metadata to disk.
func (b *Broker) Close() { b.cluster.Close() }
