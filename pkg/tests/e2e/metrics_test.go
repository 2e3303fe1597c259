package e2e

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

// TestMetricsDocumented scrapes every program of a running stack and finds
// on each every metric deploy/README.md's table says it exposes, with the
// documented type: the table is read here, so docs and code cannot drift.
// Each program shows its own series only, also when every part runs in
// one process (EOFFICE_STACK_PROCESSES=one) with one registry.
func TestMetricsDocumented(t *testing.T) {
	for _, processes := range []string{"many", "one"} {
		t.Run(processes, func(t *testing.T) { metricsDocumented(t, processes) })
	}
}

func metricsDocumented(t *testing.T, processes string) {
	metrics, err := deploycheck.Metrics()
	if err != nil {
		t.Fatal(err)
	}
	s := startStack(t, "EOFFICE_STACK_PROCESSES="+processes)
	targets := map[string]string{"identity": s.identity, "documents": s.documents, "tasks": s.tasks,
		"notifications": s.notifications, "exchange": s.exchange, "hub": s.hub, "web": s.web}
	// A request for each to count, and calls for the console to make.
	for name, base := range targets {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		resp.Body.Close()
	}
	webLoginAs(t, s.web, "admin", s.adminPassword)

	// Some series appear a moment after start (a consumer's first lag
	// check): wait until everything is there, then report what is not.
	var missing []string
	deadline := time.Now().Add(90 * time.Second)
	for {
		missing = nil
		for name, base := range targets {
			types := scrapeTypes(t, base+"/metrics")
			for _, m := range metrics {
				for _, where := range m.ExposedBy {
					if where != name {
						continue
					}
					if got := types[m.Name]; got != m.Type {
						missing = append(missing, name+": "+m.Name+" ("+m.Type+", got "+got+")")
					}
				}
			}
		}
		if len(missing) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	for _, m := range missing {
		t.Errorf("not on /metrics: %s", m)
	}
	for name, base := range targets {
		if others := foreignSeries(t, base+"/metrics", name); len(others) > 0 {
			t.Errorf("%s's /metrics shows other services' series: %v", name, others)
		}
	}
}

// foreignSeries lists the series of a scrape labelled with a service other
// than service, or named after one (eoffice_<other>_…); at most five.
func foreignSeries(t *testing.T, url, service string) []string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	defer resp.Body.Close()
	var out []string
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() && len(out) < 5 {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		_, label, labelled := strings.Cut(line, `service="`)
		label, _, _ = strings.Cut(label, `"`)
		named := ""
		for _, other := range []string{"identity", "documents", "tasks", "notifications", "exchange", "hub", "web"} {
			if strings.HasPrefix(line, "eoffice_"+other+"_") {
				named = other
			}
		}
		if (labelled && label != service) || (named != "" && named != service) {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return out
}

// scrapeTypes reads the "# TYPE name type" lines of a scrape: a metric
// family has one exactly when it has a series.
func scrapeTypes(t *testing.T, url string) map[string]string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s", url, resp.Status)
	}
	types := map[string]string{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) == 4 && f[0] == "#" && f[1] == "TYPE" {
			types[f[2]] = f[3]
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return types
}
