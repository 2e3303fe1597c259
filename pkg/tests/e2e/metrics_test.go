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
func TestMetricsDocumented(t *testing.T) {
	metrics, err := deploycheck.Metrics()
	if err != nil {
		t.Fatal(err)
	}
	s := startStack(t)
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
