package deploycheck_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

// promtool is Debian's (package prometheus); CI installs it and sets
// EOFFICE_REQUIRE_PROMTOOL=1, so a missing one fails there.
func promtool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("promtool")
	if err != nil {
		if os.Getenv("EOFFICE_REQUIRE_PROMTOOL") == "1" {
			t.Fatal("promtool not found (Debian package prometheus) and EOFFICE_REQUIRE_PROMTOOL=1")
		}
		t.Skip("promtool not installed (Debian package prometheus)")
	}
	return p
}

func run(t *testing.T, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
}

// TestAlertRules runs promtool on the rule file, its unit tests and the
// Compose scrape config (with the rule file where Compose mounts it).
func TestAlertRules(t *testing.T) {
	pt := promtool(t)
	dir := deployPath("prometheus")
	run(t, dir, pt, "check", "rules", "alerts.yml")
	run(t, dir, pt, "test", "rules", "alerts_test.yml")

	cfg, err := os.ReadFile(deployPath("compose", "prometheus", "prometheus.yml"))
	if err != nil {
		t.Fatal(err)
	}
	const mounted = "/etc/prometheus/alerts.yml"
	if !strings.Contains(string(cfg), mounted) {
		t.Fatalf("prometheus.yml does not load %s", mounted)
	}
	tmp := filepath.Join(t.TempDir(), "prometheus.yml")
	if err := os.WriteFile(tmp, []byte(strings.ReplaceAll(string(cfg), mounted, filepath.Join(dir, "alerts.yml"))), 0o600); err != nil {
		t.Fatal(err)
	}
	run(t, dir, pt, "check", "config", tmp)
}

// TestAlertsCoverTheIssue: the alerts an operator was promised exist.
func TestAlertsCoverTheIssue(t *testing.T) {
	var f struct {
		Groups []struct {
			Rules []struct {
				Alert string `yaml:"alert"`
				Expr  string `yaml:"expr"`
			} `yaml:"rules"`
		} `yaml:"groups"`
	}
	b, err := os.ReadFile(deployPath("prometheus", "alerts.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	var exprs []string
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			exprs = append(exprs, r.Expr)
		}
	}
	for what, metric := range map[string]string{
		"consumer lag growing": "eoffice_consumer_lag", "DLQ not empty": "eoffice_dlq_messages",
		"outbox age": "eoffice_outbox_oldest_pending_seconds", "5xx rate": "eoffice_http_requests_total",
		"certificate and key expiry": "eoffice_credential_expiry_seconds",
	} {
		if !slices.ContainsFunc(exprs, func(e string) bool { return strings.Contains(e, metric) }) {
			t.Errorf("no alert on %s (%s)", what, metric)
		}
	}
	checkDocumented(t, "alerts.yml", exprs)
}

var metricRef = regexp.MustCompile(`\beoffice_[a-z0-9_]+`)

// checkDocumented fails for every eoffice_ metric an expression names
// that deploy/README.md's table does not.
func checkDocumented(t *testing.T, where string, exprs []string) {
	t.Helper()
	ms, err := deploycheck.Metrics()
	if err != nil {
		t.Fatal(err)
	}
	names := deploycheck.MetricNames(ms)
	for _, e := range exprs {
		for _, ref := range metricRef.FindAllString(e, -1) {
			if !names[ref] {
				t.Errorf("%s: %s is not in deploy/README.md's metrics table: %s", where, ref, e)
			}
		}
	}
}

type dashboard struct {
	UID    string `json:"uid"`
	Title  string `json:"title"`
	Panels []struct {
		Title      string `json:"title"`
		Datasource struct {
			UID string `json:"uid"`
		} `json:"datasource"`
		Targets []struct {
			Expr string `json:"expr"`
		} `json:"targets"`
	} `json:"panels"`
}

// TestDashboards: one dashboard per service, the hub and the console, and
// one of the event flow; each parses, has a unique uid, queries the
// provisioned data source and only documented metrics.
func TestDashboards(t *testing.T) {
	files, err := filepath.Glob(deployPath("grafana", "dashboards", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ds struct {
		Datasources []struct {
			UID string `yaml:"uid"`
			URL string `yaml:"url"`
		} `yaml:"datasources"`
	}
	b, err := os.ReadFile(deployPath("grafana", "provisioning", "datasources", "prometheus.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &ds); err != nil || len(ds.Datasources) != 1 {
		t.Fatalf("datasources: %v %+v", err, ds)
	}
	uids := map[string]string{}
	have := map[string]bool{}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		have[name] = true
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var d dashboard
		if err := json.Unmarshal(b, &d); err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if d.UID == "" || d.Title == "" || len(d.Panels) == 0 {
			t.Errorf("%s: uid %q, title %q, %d panels", name, d.UID, d.Title, len(d.Panels))
		}
		if other, dup := uids[d.UID]; dup {
			t.Errorf("%s and %s share uid %s", name, other, d.UID)
		}
		uids[d.UID] = name
		var exprs []string
		for _, p := range d.Panels {
			if p.Datasource.UID != ds.Datasources[0].UID {
				t.Errorf("%s: panel %q queries data source %q, not the provisioned %q", name, p.Title, p.Datasource.UID, ds.Datasources[0].UID)
			}
			if len(p.Targets) == 0 {
				t.Errorf("%s: panel %q has no query", name, p.Title)
			}
			for _, tg := range p.Targets {
				if strings.Count(tg.Expr, "(") != strings.Count(tg.Expr, ")") || !metricRef.MatchString(tg.Expr) {
					t.Errorf("%s: panel %q: query %q", name, p.Title, tg.Expr)
				}
				exprs = append(exprs, tg.Expr)
			}
		}
		checkDocumented(t, name+".json", exprs)
	}
	for _, want := range append(append([]string{}, deploycheck.Services...), "web", "event-flow") {
		if !have[want] {
			t.Errorf("no dashboard %s.json", want)
		}
	}
}

// TestComposeMonitoring: Compose runs Prometheus with the scrape config
// and the rules, Grafana with the provisioning and dashboards, and the
// scrape config has a job per service.
func TestComposeMonitoring(t *testing.T) {
	c := loadCompose(t)
	mounts := func(svc string) map[string]string {
		out := map[string]string{}
		for _, v := range c.Services[svc].Volumes {
			parts := strings.Split(v, ":")
			if len(parts) >= 2 && strings.HasPrefix(parts[0], ".") {
				out[parts[1]] = parts[0]
				if _, err := os.Stat(filepath.Join(deployPath("compose"), parts[0])); err != nil {
					t.Errorf("%s mounts %s: %v", svc, parts[0], err)
				}
			}
		}
		return out
	}
	p := mounts("prometheus")
	if p["/etc/prometheus/prometheus.yml"] != "./prometheus/prometheus.yml" || p["/etc/prometheus/alerts.yml"] != "../prometheus/alerts.yml" {
		t.Errorf("prometheus mounts %v", p)
	}
	g := mounts("grafana")
	if g["/etc/grafana/provisioning"] != "../grafana/provisioning" || g["/var/lib/grafana/dashboards"] != "../grafana/dashboards" {
		t.Errorf("grafana mounts %v", g)
	}
	var cfg struct {
		ScrapeConfigs []struct {
			JobName       string `yaml:"job_name"`
			StaticConfigs []struct {
				Targets []string `yaml:"targets"`
			} `yaml:"static_configs"`
		} `yaml:"scrape_configs"`
	}
	b, err := os.ReadFile(deployPath("compose", "prometheus", "prometheus.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	jobs := map[string][]string{}
	for _, sc := range cfg.ScrapeConfigs {
		for _, s := range sc.StaticConfigs {
			jobs[sc.JobName] = append(jobs[sc.JobName], s.Targets...)
		}
	}
	for _, svc := range deploycheck.Services {
		if _, ok := c.Services[svc]; !ok {
			continue
		}
		if want := svc + ":8080"; !slices.Contains(jobs[svc], want) {
			t.Errorf("job %s scrapes %v, want %s", svc, jobs[svc], want)
		}
	}
}
