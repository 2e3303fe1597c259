package telemetry

import (
	"slices"
	"sort"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// TestServiceSeries gathers a registry that holds two services' series,
// as eoffice-one's does, and checks what each service's /metrics shows.
func TestServiceSeries(t *testing.T) {
	reg := prometheus.NewRegistry()
	handled := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "eoffice_consumer_handled_total"}, []string{"service", "group"})
	handled.WithLabelValues("tasks", "tasks").Inc()
	handled.WithLabelValues("notifications", "notifications-tasks").Inc()
	handled.WithLabelValues("notifications", "notifications").Inc()
	blobs := prometheus.NewCounter(prometheus.CounterOpts{Name: "eoffice_documents_blobs_collected_total"})
	goroutines := prometheus.NewGauge(prometheus.GaugeOpts{Name: "go_goroutines"})
	reg.MustRegister(handled, blobs, goroutines)

	cases := []struct {
		service string
		want    []string // family/series, sorted
	}{
		{"tasks", []string{"eoffice_consumer_handled_total/tasks", "go_goroutines/"}},
		{"notifications", []string{"eoffice_consumer_handled_total/notifications", "eoffice_consumer_handled_total/notifications-tasks", "go_goroutines/"}},
		{"documents", []string{"eoffice_documents_blobs_collected_total/", "go_goroutines/"}},
		{"hub", []string{"go_goroutines/"}},
	}
	for _, c := range cases {
		t.Run(c.service, func(t *testing.T) {
			mfs, err := ServiceSeries(reg, c.service).Gather()
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, mf := range mfs {
				for _, m := range mf.Metric {
					group := ""
					for _, l := range m.GetLabel() {
						if l.GetName() == "group" {
							group = l.GetValue()
						}
					}
					got = append(got, mf.GetName()+"/"+group)
				}
			}
			sort.Strings(got)
			if !slices.Equal(got, c.want) {
				t.Fatalf("%s's /metrics: %v, want %v", c.service, got, c.want)
			}
		})
	}
}
