package deploycheck_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/tests/deploycheck"
)

func TestParseMetrics(t *testing.T) {
	const head = "| metric | type | labels | exposed by | meaning |\n|---|---|---|---|---|\n"
	cases := []struct {
		name, rows string
		want       []deploycheck.Metric
		wantErr    string
	}{
		{name: "groups expanded, empty labels",
			rows: "| `eoffice_a_total` | counter | group, type | consumers, web | a |\n| `eoffice_b` | gauge | | identity | b |\n",
			want: []deploycheck.Metric{
				{Name: "eoffice_a_total", Type: "counter", Labels: []string{"group", "type"}, ExposedBy: append(append([]string{}, deploycheck.Consumers...), "web")},
				{Name: "eoffice_b", Type: "gauge", ExposedBy: []string{"identity"}},
			}},
		{name: "unknown program", rows: "| `eoffice_b` | gauge | | billing | b |\n", wantErr: "billing"},
		{name: "unknown type", rows: "| `eoffice_b` | meter | | identity | b |\n", wantErr: "meter"},
		{name: "missing cell", rows: "| `eoffice_b` | gauge | identity | b |\n", wantErr: "5 cells"},
		{name: "no table", rows: "", wantErr: "no metrics table"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := deploycheck.ParseMetrics("README.md", head+c.rows)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want one naming %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(got, c.want, func(a, b deploycheck.Metric) bool {
				return a.Name == b.Name && a.Type == b.Type && slices.Equal(a.Labels, b.Labels) && slices.Equal(a.ExposedBy, b.ExposedBy)
			}) {
				t.Errorf("got %+v, want %+v", got, c.want)
			}
		})
	}
	if names := deploycheck.MetricNames([]deploycheck.Metric{{Name: "eoffice_h_seconds", Type: "histogram"}}); !names["eoffice_h_seconds_bucket"] || names["eoffice_h"] {
		t.Errorf("histogram series names %v", names)
	}
}
