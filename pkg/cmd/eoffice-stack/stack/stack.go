// Package stack runs the whole system on one machine: the embedded broker,
// the local exchange hub and the services as child processes (or all of
// them in one child, eoffice-one), each restarted if it dies,
// stopped in order on a signal (services first, so their outboxes drain into
// a broker that is still up).
package stack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envconf"
	"github.com/eoffice-vn/eoffice/pkg/secretbox"
)

// Services in start order; "web" is the web console, which holds no data
// and only calls the others.
var Services = []string{"identity", "documents", "tasks", "notifications", "exchange", "web"}

// HubBinary is the local exchange hub's program; it starts before the
// services, since exchange's vdxp transport talks to it.
const HubBinary = "eoffice-hub"

// DefaultGOGC is the stack's processes' GOGC unless the environment sets one.
const DefaultGOGC = "200"

// ChildGOGC overrides DefaultGOGC for some processes (unless the
// environment sets GOGC); measured with scripts/bench.sh (peak_rss_mb and
// each process's peak):
//   - documents renders and signs PDFs, a few MB of garbage each (fonts
//     parsed, streams compressed) around a live heap of 10-20 MB: at 200
//     it peaked at 126 MB resident, the stack's largest process, and ran
//     100-115 MB through the soak; at 100, 92-99 and 70-85 MB. Making PDFs
//     costs it about a fifth more CPU (BenchmarkIssuedPDF's process), off
//     the report submissions' path; on that path (task views) its
//     collector was a twentieth of its 0.15 ms per submission.
//   - exchange: 46-50 MB at 200, 41-43 at 100, for next to no CPU (0.01
//     ms per submission).
//
// The broker would drop from 46-56 to 39-41 MB at 100, but its collector
// then cost a third more CPU per message (bench's raw broker run), on
// every event's path: it stays at 200.
var ChildGOGC = map[string]string{"documents": "100", "exchange": "100"}

// DefaultMemoryLimits are the soft memory limits (GOMEMLIMIT) the launcher
// gives some processes unless the environment sets one. Identity hashes
// passwords with argon2id, 19 MiB each, freed at once: with GOGC=200 the
// collector let that garbage reach 125 MB before it ran (bench, during the
// logins of the seeded people). The limit makes it collect sooner; two
// hashes at once (the hasher's bound here) stay well inside it.
var DefaultMemoryLimits = map[string]string{"identity": "64MiB"}

// Config of a stack run.
type Config struct {
	BinDir  string    // where eoffice-broker and the service binaries are
	DataDir string    // absolute data folder
	Out     io.Writer // where the launcher reports
	// Broker starts the embedded broker; false when EOFFICE_KAFKA_BROKERS
	// names an external cluster.
	Broker    bool
	KafkaAddr string
	Addrs     map[string]string // service → listen address
	// HubAddr is where the local exchange hub listens (EOFFICE_HUB_ADDR);
	// empty: no hub is started (the exchange service talks to a national
	// gateway, or carries packages through folders).
	HubAddr string
	Env     []string // environment passed to every child
	// ReadyTimeout bounds the wait for every part to answer.
	ReadyTimeout time.Duration
	// DemoSeed, when set, is a seed file (pkg/cmd/eoffice/seed) whose units and people
	// are loaded once everything is ready (EOFFICE_DEMO_SEED; up.sh sets
	// the PAPI scenario's).
	DemoSeed string
	// OneProcess runs the broker, the hub and the services as one child,
	// eoffice-one (EOFFICE_STACK_PROCESSES=one, the default), instead of a
	// child each (many): 40 % less memory at the peak and 18-41 % less CPU
	// per report submission (deploy/SIZING.md), and one restart for any
	// part's crash.
	OneProcess bool
}

// OneBinary is the program that runs every part in one process.
const OneBinary = "eoffice-one"

// ConfigFromEnv builds the configuration scripts/up.sh runs with.
func ConfigFromEnv(binDir string, out io.Writer) (Config, error) {
	data, err := filepath.Abs(envconf.Env("EOFFICE_DATA_DIR", "./data"))
	if err != nil {
		return Config{}, err
	}
	c := Config{
		BinDir:       binDir,
		DataDir:      data,
		Out:          out,
		Broker:       os.Getenv("EOFFICE_KAFKA_BROKERS") == "",
		KafkaAddr:    envconf.Env("EOFFICE_KAFKA_ADDR", "127.0.0.1:9092"),
		Addrs:        map[string]string{},
		ReadyTimeout: time.Minute,
		DemoSeed:     os.Getenv("EOFFICE_DEMO_SEED"),
	}
	switch mode := envconf.Env("EOFFICE_STACK_PROCESSES", "one"); mode {
	case "many":
	case "one":
		c.OneProcess = true
	default:
		return Config{}, fmt.Errorf("EOFFICE_STACK_PROCESSES must be many (a process per part) or one, not %q", mode)
	}
	for _, s := range Services {
		c.Addrs[s] = envconf.Env("EOFFICE_"+strings.ToUpper(s)+"_ADDR", fmt.Sprintf("127.0.0.1:%d", envconf.DefaultPorts[s]))
	}
	// Set but empty means no hub, so envconf.Env (empty = unset) will not do.
	c.HubAddr = fmt.Sprintf("127.0.0.1:%d", envconf.DefaultPorts["hub"])
	if v, set := os.LookupEnv("EOFFICE_HUB_ADDR"); set {
		c.HubAddr = strings.TrimSpace(v)
	}
	c.Env = append(os.Environ(),
		"EOFFICE_HUB_ADDR="+c.HubAddr,
		"EOFFICE_DATA_DIR="+data,
		"EOFFICE_KAFKA_ADDR="+c.KafkaAddr,
		"EOFFICE_IDENTITY_URL="+envconf.Env("EOFFICE_IDENTITY_URL", "http://"+c.Addrs["identity"]),
	)
	for _, s := range Services {
		c.Env = append(c.Env, "EOFFICE_"+strings.ToUpper(s)+"_ADDR="+c.Addrs[s])
	}
	if os.Getenv("GOGC") == "" {
		// Measured (scripts/bench.sh): the collector at Go's default 100
		// took a tenth of the stack's CPU per request; 200 trades ~40 MB of
		// the stack's memory for it, well inside the 400 MB budget.
		c.Env = append(c.Env, "GOGC="+DefaultGOGC)
	}
	return c, nil
}

// Run starts everything, reports where it listens, and keeps it running
// until ctx ends; then it stops everything and returns.
func Run(ctx context.Context, c Config) error {
	start := time.Now()
	if err := os.MkdirAll(filepath.Join(c.DataDir, "logs"), 0o750); err != nil {
		return err
	}
	env, err := PrepareEnv(c)
	if err != nil {
		return err
	}
	c.Env = env
	if c.OneProcess {
		return runOne(ctx, c, start)
	}
	var broker *child
	if c.Broker {
		broker = newChild("broker", filepath.Join(c.BinDir, "eoffice-broker"), c)
		if err := broker.start(); err != nil {
			return err
		}
		if err := AwaitBroker(ctx, c, broker.logPath); err != nil {
			broker.stop(10 * time.Second)
			return err
		}
	}
	var children []*child
	stopAll := func() {
		var wg sync.WaitGroup
		for _, ch := range children {
			wg.Add(1)
			go func() { defer wg.Done(); ch.stop(30 * time.Second) }()
		}
		wg.Wait()
		if broker != nil {
			broker.stop(30 * time.Second)
		}
	}
	parts := c.Parts()
	for _, p := range parts {
		ch := newChild(p.Name, filepath.Join(c.BinDir, p.Bin), c)
		if err := ch.start(); err != nil {
			stopAll()
			return err
		}
		children = append(children, ch)
	}
	if err := AwaitParts(ctx, c, func(part string) string { return filepath.Join(c.DataDir, "logs", part+".log") }); err != nil {
		stopAll()
		return err
	}
	Announce(ctx, c, time.Since(start))
	all := children
	if broker != nil {
		all = append(all, broker)
	}
	for _, ch := range all {
		go ch.supervise(ctx)
	}
	<-ctx.Done()
	fmt.Fprintln(c.Out, "eoffice: stopping…")
	for _, ch := range all {
		ch.quit()
	}
	stopAll()
	fmt.Fprintln(c.Out, "eoffice: stopped")
	return nil
}

// AwaitBroker waits until the embedded broker takes connections, within
// c.ReadyTimeout; logPath is its log, for the error.
func AwaitBroker(ctx context.Context, c Config, logPath string) error {
	if err := WaitFor(ctx, c.ReadyTimeout, func() error { return DialTCP(c.KafkaAddr) }); err != nil {
		return fmt.Errorf("broker did not start on %s (see %s): %w", c.KafkaAddr, logPath, err)
	}
	return nil
}

// AwaitParts waits until every part answers on /readyz, each within
// c.ReadyTimeout; logOf says where a part's log is, for the error.
func AwaitParts(ctx context.Context, c Config, logOf func(part string) string) error {
	for _, p := range c.Parts() {
		url := "http://" + p.Addr + "/readyz"
		if err := WaitFor(ctx, c.ReadyTimeout, func() error { return HTTPOK(url) }); err != nil {
			return fmt.Errorf("%s is not ready at %s (see %s): %w", p.Name, url, logOf(p.Name), err)
		}
	}
	return nil
}

// Announce reports where everything listens, loads the demo people when
// asked, and says how to stop: what a ready stack prints.
func Announce(ctx context.Context, c Config, took time.Duration) {
	Report(c, took)
	if c.DemoSeed != "" {
		if err := SeedDemo(ctx, c); err != nil {
			// The system runs without them: say so and go on.
			fmt.Fprintf(c.Out, "  demo people    not loaded: %v\n", err)
		}
	}
	fmt.Fprintln(c.Out, "Ctrl-C stops everything.")
}

// Part is one supervised program of the stack besides the broker.
type Part struct{ Name, Bin, Addr string }

// Parts are the hub (unless turned off) and the services, in start order.
func (c Config) Parts() []Part {
	var ps []Part
	if c.HubAddr != "" {
		ps = append(ps, Part{"hub", HubBinary, c.HubAddr})
	}
	for _, s := range Services {
		ps = append(ps, Part{s, s, c.Addrs[s]})
	}
	return ps
}

// Report prints where everything listens, once everything answers.
func Report(c Config, took time.Duration) {
	w := c.Out
	fmt.Fprintf(w, "eoffice is running (ready in %.2fs); data in %s\n", took.Seconds(), c.DataDir)
	for _, s := range Services {
		if s == "web" {
			continue
		}
		fmt.Fprintf(w, "  %-14s http://%s\n", s, c.Addrs[s])
	}
	if c.HubAddr != "" {
		fmt.Fprintf(w, "  %-14s http://%s (local exchange hub)\n", "hub", c.HubAddr)
	}
	fmt.Fprintf(w, "  %-14s http://%s   ← open this in a browser\n", "web console", c.Addrs["web"])
	if c.Broker && os.Getenv("EOFFICE_KAFKA_SASL_MECHANISM") != "" {
		fmt.Fprintf(w, "  %-14s %s (embedded, SASL %s as EOFFICE_KAFKA_SASL_USERNAME)\n", "kafka", c.KafkaAddr, os.Getenv("EOFFICE_KAFKA_SASL_MECHANISM"))
	} else if c.Broker {
		fmt.Fprintf(w, "  %-14s %s (embedded, unauthenticated: loopback only unless EOFFICE_KAFKA_ALLOW_REMOTE)\n", "kafka", c.KafkaAddr)
	} else {
		fmt.Fprintf(w, "  %-14s %s\n", "kafka", os.Getenv("EOFFICE_KAFKA_BROKERS"))
	}
	if os.Getenv("EOFFICE_BOOTSTRAP_ADMIN_PASSWORD") != "" {
		fmt.Fprintln(w, "  admin          user admin, password from EOFFICE_BOOTSTRAP_ADMIN_PASSWORD")
	} else if p := filepath.Join(c.DataDir, "admin-password"); fileExists(p) {
		fmt.Fprintf(w, "  admin          user admin, password in %s\n", p)
	}
	fmt.Fprintf(w, "  logs           %s\n", filepath.Join(c.DataDir, "logs"))
}

// WaitFor runs probe until it succeeds, ctx ends or timeout passes.
func WaitFor(ctx context.Context, timeout time.Duration, probe func() error) error {
	deadline := time.Now().Add(timeout)
	for {
		err := probe()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// DialTCP and HTTPOK are the readiness probes of the broker and of a part.
func DialTCP(addr string) error {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	return conn.Close()
}

var probeClient = &http.Client{Timeout: 2 * time.Second}

func HTTPOK(url string) error {
	resp, err := probeClient.Get(url)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return nil
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// withSecretKey gives env the key of the data folder when it names none:
// one key for every service, the same after a restart, and given to all of
// them so that a service on PostgreSQL (where a key is required) has it too.
func withSecretKey(env []string, dataDir string) ([]string, error) {
	for _, kv := range env {
		if k, v, _ := strings.Cut(kv, "="); k == secretbox.EnvKey && v != "" {
			return env, nil
		}
	}
	key, err := secretbox.LoadOrCreateKeyFile(dataDir)
	if err != nil {
		return nil, err
	}
	return append(slices.Clip(env), secretbox.EnvKey+"="+key), nil
}

// PrepareEnv is c.Env with the data folder's secret key and the service
// secrets added, as Run gives its children (for eoffice-one, which runs
// the parts in its own process).
func PrepareEnv(c Config) ([]string, error) {
	env, err := withSecretKey(c.Env, c.DataDir)
	if err != nil {
		return nil, err
	}
	return withServiceSecrets(env, c.DataDir)
}
