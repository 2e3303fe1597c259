package telemetry

import (
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// ServiceSeries is g as far as it is service's. eoffice-one runs every
// service in one process, with one registry; each service's /metrics
// still shows what a process of its own would:
//   - a series labelled service="x" is x's alone;
//   - an eoffice_ family without that label belongs to the service its
//     name says (eoffice_documents_…);
//   - the rest (go_, process_, promhttp_) is the process's, shown by each.
//
// In a process of one service it drops nothing.
func ServiceSeries(g prometheus.Gatherer, service string) prometheus.Gatherer {
	return prometheus.GathererFunc(func() ([]*dto.MetricFamily, error) {
		mfs, err := g.Gather()
		out := mfs[:0]
		for _, mf := range mfs {
			if owner, ok := namedOwner(mf.GetName()); ok && owner != service {
				continue
			}
			kept := mf.Metric[:0]
			for _, m := range mf.Metric {
				if owner, labelled := serviceLabel(m); !labelled || owner == service {
					kept = append(kept, m)
				}
			}
			if len(kept) > 0 {
				mf.Metric = kept
				out = append(out, mf)
			}
		}
		return out, err
	})
}

// services whose own metrics carry their name (eoffice_<service>_…).
var services = []string{"identity", "documents", "tasks", "notifications", "exchange", "web", "hub"}

func namedOwner(name string) (string, bool) {
	for _, s := range services {
		if strings.HasPrefix(name, "eoffice_"+s+"_") {
			return s, true
		}
	}
	return "", false
}

func serviceLabel(m *dto.Metric) (string, bool) {
	for _, l := range m.GetLabel() {
		if l.GetName() == "service" {
			return l.GetValue(), true
		}
	}
	return "", false
}
