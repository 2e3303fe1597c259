package bench

import (
	"context"
	"testing"
	"time"
)

// The bench functions must really move the work they claim: a small run of
// each completes and reports a positive rate (no timing is asserted).
func TestRawMeasuresRun(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tests := []struct {
		name string
		run  func(dir string) (float64, error)
	}{
		{"broker", func(dir string) (float64, error) { return RawBroker(ctx, dir, 2000) }},
		{"store", func(dir string) (float64, error) { return RawStore(ctx, dir, 300, 4) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rate, err := tt.run(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			if rate <= 0 {
				t.Fatalf("rate %v", rate)
			}
		})
	}
}
