package deploycheck

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Metric is one row of deploy/README.md's metrics table.
type Metric struct {
	Name, Type string
	Labels     []string
	// ExposedBy are the programs whose /metrics has it: services, "hub",
	// "web"; the table's "every service" and "consumers" expanded.
	ExposedBy []string
}

// Groups of programs the table may name.
var (
	EveryService = []string{"identity", "documents", "tasks", "notifications", "exchange"}
	Consumers    = []string{"documents", "tasks", "notifications", "exchange"}
)

var metricRow = regexp.MustCompile("^\\| `(eoffice_[a-z0-9_]+)` \\|")

// Metrics reads the metrics table of deploy/README.md, so that the tests
// of the code and of the dashboards check against the documentation.
func Metrics() ([]Metric, error) {
	path := filepath.Join(Root(), "deploy", "README.md")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseMetrics(path, string(b))
}

// ParseMetrics reads the metrics table of a README's text.
func ParseMetrics(path, text string) ([]Metric, error) {
	var out []Metric
	for i, line := range strings.Split(text, "\n") {
		m := metricRow.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		cells := strings.Split(strings.TrimSpace(line), "|")
		cells = cells[1 : len(cells)-1] // the text outside the outer bars
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		if len(cells) != 5 {
			return nil, fmt.Errorf("%s:%d: want 5 cells (metric, type, labels, exposed by, meaning), got %d", path, i+1, len(cells))
		}
		mt := Metric{Name: m[1], Type: cells[1]}
		switch mt.Type {
		case "counter", "gauge", "histogram":
		default:
			return nil, fmt.Errorf("%s:%d: type %q", path, i+1, mt.Type)
		}
		for _, l := range strings.Split(cells[2], ",") {
			if l = strings.TrimSpace(l); l != "" {
				mt.Labels = append(mt.Labels, l)
			}
		}
		for _, e := range strings.Split(cells[3], ",") {
			switch e = strings.TrimSpace(e); e {
			case "every service":
				mt.ExposedBy = append(mt.ExposedBy, EveryService...)
			case "consumers":
				mt.ExposedBy = append(mt.ExposedBy, Consumers...)
			case "identity", "documents", "tasks", "notifications", "exchange", "hub", "web":
				mt.ExposedBy = append(mt.ExposedBy, e)
			default:
				return nil, fmt.Errorf("%s:%d: exposed by %q", path, i+1, e)
			}
		}
		out = append(out, mt)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no metrics table", path)
	}
	return out, nil
}

// MetricNames are the documented names and the series names a query may
// use: a histogram's _bucket, _sum and _count.
func MetricNames(ms []Metric) map[string]bool {
	names := map[string]bool{}
	for _, m := range ms {
		names[m.Name] = true
		if m.Type == "histogram" {
			for _, s := range []string{"_bucket", "_sum", "_count"} {
				names[m.Name+s] = true
			}
		}
	}
	return names
}
