package deploycheck_test

import (
	"net"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Volumes  map[string]any            `yaml:"volumes"`
	Networks map[string]struct {
		IPAM struct {
			Config []struct {
				Subnet string `yaml:"subnet"`
			} `yaml:"config"`
		} `yaml:"ipam"`
	} `yaml:"networks"`
}

type composeService struct {
	Image string `yaml:"image"`
	Build *struct {
		Context    string            `yaml:"context"`
		Dockerfile string            `yaml:"dockerfile"`
		Args       map[string]string `yaml:"args"`
	} `yaml:"build"`
	Environment map[string]string `yaml:"environment"`
	Entrypoint  []string          `yaml:"entrypoint"`
	Command     []string          `yaml:"command"`
	User        string            `yaml:"user"`
	ReadOnly    bool              `yaml:"read_only"`
	CapDrop     []string          `yaml:"cap_drop"`
	SecurityOpt []string          `yaml:"security_opt"`
	Tmpfs       []string          `yaml:"tmpfs"`
	Ports       []string          `yaml:"ports"`
	Volumes     []string          `yaml:"volumes"`
	DependsOn   yaml.Node         `yaml:"depends_on"`
	Healthcheck map[string]any    `yaml:"healthcheck"`
	Networks    map[string]struct {
		IPv4Address string `yaml:"ipv4_address"`
	} `yaml:"networks"`
}

// dependsOn returns service → condition ("" for the short list form).
func (s composeService) dependsOn(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	switch s.DependsOn.Kind {
	case 0:
	case yaml.SequenceNode:
		var names []string
		if err := s.DependsOn.Decode(&names); err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			out[n] = ""
		}
	default:
		var m map[string]struct {
			Condition string `yaml:"condition"`
		}
		if err := s.DependsOn.Decode(&m); err != nil {
			t.Fatal(err)
		}
		for n, d := range m {
			out[n] = d.Condition
		}
	}
	return out
}

// loadCompose reads compose.yaml interpolated with .env.example, as an
// operator following the README would run it.
func loadCompose(t *testing.T) composeFile {
	t.Helper()
	return loadComposeFile(t, "compose.yaml")
}

// loadComposeFile reads one Compose file of deploy/compose the same way.
func loadComposeFile(t *testing.T, file string) composeFile {
	t.Helper()
	vars, err := deploycheck.ReadEnvFile(deployPath("compose", ".env.example"))
	if err != nil {
		t.Fatal(err)
	}
	// The example leaves every secret for the operator to fill in (see
	// TestNoUsableSecretsInExamples); fill them as the operator would.
	for k, v := range vars {
		if v == "" && !strings.HasSuffix(k, "_OLD") {
			vars[k] = operatorValue(t, k)
		}
	}
	raw, err := os.ReadFile(deployPath("compose", file))
	if err != nil {
		t.Fatal(err)
	}
	text, err := deploycheck.Interpolate(string(raw), vars)
	if err != nil {
		t.Fatalf("%s with .env.example: %v", file, err)
	}
	// Without .env, Compose must refuse to start rather than run with
	// empty passwords.
	if _, err := deploycheck.Interpolate(string(raw), map[string]string{}); err == nil {
		t.Errorf("%s starts without .env: passwords would be empty", file)
	}
	var c composeFile
	if err := yaml.Unmarshal([]byte(text), &c); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return c
}

func kafkaBrokers(c composeFile) []string {
	var out []string
	for name, s := range c.Services {
		if strings.HasPrefix(s.Image, "apache/kafka:") && strings.Contains(s.Environment["KAFKA_PROCESS_ROLES"], "broker") {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func TestComposeKafkaIsAKRaftCluster(t *testing.T) {
	c := loadCompose(t)
	brokers := kafkaBrokers(c)
	if len(brokers) != 3 {
		t.Fatalf("Kafka brokers %v, want three", brokers)
	}
	ids := map[string]bool{}
	cluster := c.Services[brokers[0]].Environment["CLUSTER_ID"]
	for _, b := range brokers {
		env := c.Services[b].Environment
		checks := []struct {
			what string
			ok   bool
		}{
			{"KRaft controller role", strings.Contains(env["KAFKA_PROCESS_ROLES"], "controller")},
			{"no ZooKeeper", env["KAFKA_ZOOKEEPER_CONNECT"] == ""},
			{"one cluster id", env["CLUSTER_ID"] != "" && env["CLUSTER_ID"] == cluster},
			{"unique node id", env["KAFKA_NODE_ID"] != "" && !ids[env["KAFKA_NODE_ID"]]},
			{"voter " + env["KAFKA_NODE_ID"] + "@" + b, strings.Contains(env["KAFKA_CONTROLLER_QUORUM_VOTERS"], env["KAFKA_NODE_ID"]+"@"+b+":")},
			{"advertises its own name", strings.Contains(env["KAFKA_ADVERTISED_LISTENERS"], "//"+b+":9092")},
			{"no topic auto-creation", env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"},
			{"offsets replicated", env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] == "3"},
			{"min.insync.replicas 2", env["KAFKA_MIN_INSYNC_REPLICAS"] == "2"},
			{"data on a volume", slices.ContainsFunc(c.Services[b].Volumes, func(v string) bool { return strings.HasSuffix(v, ":"+env["KAFKA_LOG_DIRS"]) })},
			{"health check", c.Services[b].Healthcheck["test"] != nil},
		}
		ids[env["KAFKA_NODE_ID"]] = true
		for _, ck := range checks {
			if !ck.ok {
				t.Errorf("%s: %s", b, ck.what)
			}
		}
	}
}

var (
	partitionsFlag  = regexp.MustCompile(`--partitions\s+"?\$?\{?(\w+)`)
	replicationFlag = regexp.MustCompile(`--replication-factor\s+"?\$?\{?(\w+)`)
	retentionFlag   = regexp.MustCompile(`retention\.ms="?\$*\{?(\w+)`)
)

// flagValue resolves a flag's value: a number, or a variable of env.
func flagValue(t *testing.T, re *regexp.Regexp, script string, env map[string]string) int {
	t.Helper()
	m := re.FindStringSubmatch(script)
	if m == nil {
		t.Fatalf("topic script has no %s", re)
	}
	v := m[1]
	if s, ok := env[v]; ok {
		v = s
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s = %q, want a positive number", re, v)
	}
	return n
}

// checkTopicScript checks a topic-creation script creates every topic the
// services use, dead-letter topics included, with explicit partitions and
// a replication factor the cluster can hold.
func checkTopicScript(t *testing.T, script string, env map[string]string, brokers int) (partitions int) {
	t.Helper()
	for _, topic := range events.Topics() {
		if !regexp.MustCompile(`(^|[\s"'])` + regexp.QuoteMeta(topic) + `([\s;"']|$)`).MatchString(script) {
			t.Errorf("topic %s is not created", topic)
		}
	}
	if !strings.Contains(script, "--if-not-exists") {
		t.Error("topic creation is not idempotent (--if-not-exists)")
	}
	// Explicit retention on every topic, at least the 14 days the backups
	// count on (deploy/README.md, Backups); the audit topic compacted.
	m := retentionFlag.FindStringSubmatch(script)
	if m == nil {
		t.Error("topics created without retention.ms")
	} else {
		v := m[1]
		if e, ok := env[v]; ok {
			v = e
		}
		if ms, err := strconv.ParseInt(v, 10, 64); err != nil || ms < 14*24*3600*1000 {
			t.Errorf("retention.ms = %q, want at least 14 days (1209600000)", v)
		}
	}
	if !regexp.MustCompile(regexp.QuoteMeta(events.TopicDLQAudit) + `[\s"'\\]+(.|\n)*cleanup\.policy=compact`).MatchString(script) {
		t.Errorf("%s is not created compacted", events.TopicDLQAudit)
	}
	partitions = flagValue(t, partitionsFlag, script, env)
	rf := flagValue(t, replicationFlag, script, env)
	if rf > brokers {
		t.Errorf("replication factor %d on %d brokers", rf, brokers)
	}
	if rf < 3 && brokers >= 3 {
		t.Errorf("replication factor %d: one broker down would stop writes with acks=all", rf)
	}
	return partitions
}

func TestComposeCreatesEveryTopic(t *testing.T) {
	c := loadCompose(t)
	init, ok := c.Services["kafka-topics"]
	if !ok {
		t.Fatal("no kafka-topics service")
	}
	deps := init.dependsOn(t)
	for _, b := range kafkaBrokers(c) {
		if deps[b] != "service_healthy" {
			t.Errorf("kafka-topics starts before %s is healthy", b)
		}
	}
	script := strings.Join(append(init.Entrypoint, init.Command...), " ")
	if p := checkTopicScript(t, script, init.Environment, len(kafkaBrokers(c))); p < 2 {
		t.Errorf("%d partitions: a second replica would get no work", p)
	}
}

func TestComposeInfrastructure(t *testing.T) {
	c := loadCompose(t)
	pg := c.Services["postgres"]
	if !strings.HasPrefix(pg.Image, "postgres:") || pg.Healthcheck["test"] == nil {
		t.Errorf("postgres: image %q, health check %v", pg.Image, pg.Healthcheck)
	}
	var initScript string
	for _, v := range pg.Volumes {
		if host, target, _ := strings.Cut(v, ":"); strings.HasPrefix(target, "/docker-entrypoint-initdb.d/") {
			initScript = host
		}
	}
	if initScript == "" {
		t.Fatal("postgres: no init script in /docker-entrypoint-initdb.d")
	}
	b, err := os.ReadFile(deployPath("compose", initScript))
	if err != nil {
		t.Fatal(err)
	}
	loop := regexp.MustCompile(`for svc in ([a-z ]+);`).FindStringSubmatch(string(b))
	if loop == nil || !strings.Contains(string(b), "CREATE DATABASE") {
		t.Fatal("init script does not create a database per service")
	}
	if got := strings.Fields(loop[1]); !slices.Equal(got, deploycheck.Services) {
		t.Errorf("init script creates databases %v, want %v", got, deploycheck.Services)
	}
	for _, s := range deploycheck.Services {
		if pg.Environment["EOFFICE_PG_PASSWORD_"+strings.ToUpper(s)] == "" {
			t.Errorf("postgres: no password for %s's role", s)
		}
	}

	// Collector: OTLP/HTTP in (what the services speak), Jaeger out.
	col := c.Services["otel-collector"]
	var cfgPath string
	for _, v := range col.Volumes {
		if strings.HasSuffix(v, ".yaml:ro") || strings.HasSuffix(v, ".yaml") {
			cfgPath, _, _ = strings.Cut(v, ":")
		}
	}
	if cfgPath == "" {
		t.Fatal("otel-collector: no configuration mounted")
	}
	cfg := decodeOne[collectorConfig](t, deployPath("compose", cfgPath))
	if ep := cfg.Receivers["otlp"].Protocols["http"].Endpoint; !strings.HasSuffix(ep, ":4318") {
		t.Errorf("collector OTLP/HTTP receiver on %q, want :4318", ep)
	}
	traces := cfg.Service.Pipelines["traces"]
	if !slices.Contains(traces.Receivers, "otlp") || len(traces.Exporters) == 0 {
		t.Fatalf("collector traces pipeline %+v", traces)
	}
	for _, e := range traces.Exporters {
		host, _, _ := net.SplitHostPort(cfg.Exporters[e].Endpoint)
		if host != "jaeger" {
			t.Errorf("collector exporter %s sends to %q, want jaeger", e, cfg.Exporters[e].Endpoint)
		}
	}
	if j := c.Services["jaeger"]; !strings.HasPrefix(j.Image, "jaegertracing/") || j.Environment["COLLECTOR_OTLP_ENABLED"] != "true" {
		t.Errorf("jaeger: %+v", j)
	}
	if m := c.Services["mailpit"]; !strings.HasPrefix(m.Image, "axllent/mailpit:") {
		t.Errorf("mailpit: image %q", m.Image)
	}
}

type collectorConfig struct {
	Receivers map[string]struct {
		Protocols map[string]struct {
			Endpoint string `yaml:"endpoint"`
		} `yaml:"protocols"`
	} `yaml:"receivers"`
	Exporters map[string]struct {
		Endpoint string `yaml:"endpoint"`
	} `yaml:"exporters"`
	Service struct {
		Pipelines map[string]struct {
			Receivers []string `yaml:"receivers"`
			Exporters []string `yaml:"exporters"`
		} `yaml:"pipelines"`
	} `yaml:"service"`
}

func TestComposeServices(t *testing.T) {
	c := loadCompose(t)
	brokers := kafkaBrokers(c)
	for _, name := range deploycheck.Services {
		t.Run(name, func(t *testing.T) {
			s, ok := c.Services[name]
			if !ok {
				t.Fatal("missing")
			}
			up := strings.ToUpper(name)
			if s.Build == nil || s.Build.Args["SERVICE"] != name {
				t.Errorf("build %+v, want SERVICE=%s", s.Build, name)
			} else if _, err := os.Stat(deployPath("compose", s.Build.Context, s.Build.Dockerfile)); err != nil {
				t.Errorf("Dockerfile: %v", err)
			}
			cfg := loadServiceConfig(t, name, s.Environment)
			if _, port, _ := net.SplitHostPort(cfg.Addr); len(s.Ports) != 1 || !strings.HasSuffix(s.Ports[0], ":"+port) {
				t.Errorf("listens on %s, publishes %v", cfg.Addr, s.Ports)
			}
			checkDSN(t, name, cfg.DB, "postgres")
			for _, b := range cfg.Brokers {
				if host, port, _ := net.SplitHostPort(b); !slices.Contains(brokers, host) || port != "9092" {
					t.Errorf("broker %s is not a Kafka service of the file", b)
				}
			}
			if len(cfg.Brokers) != len(brokers) {
				t.Errorf("brokers %v, want all of %v", cfg.Brokers, brokers)
			}
			checkOTLP(t, s.Environment, "otel-collector")
			if name == "notifications" {
				if host, _, _ := net.SplitHostPort(s.Environment["EOFFICE_SMTP_ADDR"]); host != "mailpit" {
					t.Errorf("EOFFICE_SMTP_ADDR %q, want mailpit", s.Environment["EOFFICE_SMTP_ADDR"])
				}
			}
			if uid, _, _ := strings.Cut(s.User, ":"); uid == "" || uid == "0" || uid == "root" {
				t.Errorf("runs as user %q", s.User)
			}
			if !s.ReadOnly || !slices.Equal(s.CapDrop, []string{"ALL"}) || !slices.Contains(s.SecurityOpt, "no-new-privileges:true") {
				t.Errorf("read_only %v, cap_drop %v, security_opt %v", s.ReadOnly, s.CapDrop, s.SecurityOpt)
			}
			dataVolume := ""
			for _, v := range s.Volumes {
				if src, target, _ := strings.Cut(v, ":"); target == cfg.DataDir {
					dataVolume = src
				}
			}
			if _, declared := c.Volumes[dataVolume]; dataVolume != "" && !declared {
				t.Errorf("volume %s is not declared", dataVolume)
			}
			if dataVolume == "" && !slices.ContainsFunc(s.Tmpfs, func(m string) bool { return strings.HasPrefix(m, cfg.DataDir) }) {
				t.Errorf("EOFFICE_DATA_DIR %s is not writable (tmpfs %v, volumes %v)", cfg.DataDir, s.Tmpfs, s.Volumes)
			}
			// documents keeps attachments as files there: they must
			// outlive the container.
			if name == "documents" && dataVolume == "" {
				t.Error("documents' EOFFICE_DATA_DIR (attachments) is not on a volume")
			}
			deps := s.dependsOn(t)
			if deps["kafka-topics"] != "service_completed_successfully" || deps["postgres"] != "service_healthy" {
				t.Errorf("starts before topics and database: depends_on %v", deps)
			}
			if v := s.Environment["EOFFICE_"+up+"_DB"]; strings.Contains(v, "${") {
				t.Errorf("DSN not interpolated: %s", v)
			}
		})
	}
}

// checkDSN checks a service's DSN is PostgreSQL on its own database with
// its own role.
func checkDSN(t *testing.T, service, dsn, host string) {
	t.Helper()
	if !store.IsPostgresDSN(dsn) {
		t.Errorf("DB %q is not a PostgreSQL DSN", dsn)
		return
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Errorf("DSN: %v", err)
		return
	}
	if u.Hostname() != host || u.Path != "/"+service || u.User.Username() != "eoffice_"+service {
		t.Errorf("DSN host %s, database %s, role %s; want %s, /%s, eoffice_%s", u.Hostname(), u.Path, u.User.Username(), host, service, service)
	}
	if p, _ := u.User.Password(); p == "" {
		t.Error("DSN has no password")
	}
}

// checkOTLP checks traces go over OTLP/HTTP (the only exporter built in)
// to the collector's HTTP port.
func checkOTLP(t *testing.T, env map[string]string, collectorHost string) {
	t.Helper()
	u, err := url.Parse(env["OTEL_EXPORTER_OTLP_ENDPOINT"])
	if err != nil || u.Hostname() != collectorHost || u.Port() != "4318" {
		t.Errorf("OTEL_EXPORTER_OTLP_ENDPOINT %q, want http://%s:4318", env["OTEL_EXPORTER_OTLP_ENDPOINT"], collectorHost)
	}
	if p := env["OTEL_EXPORTER_OTLP_PROTOCOL"]; p != "" && p != "http/protobuf" {
		t.Errorf("OTEL_EXPORTER_OTLP_PROTOCOL %q: only http/protobuf is built in", p)
	}
}
