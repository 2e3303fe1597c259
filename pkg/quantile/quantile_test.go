package quantile

import (
	"testing"
	"time"
)

func TestMedianPercentileDays(t *testing.T) {
	for _, c := range []struct {
		in          []float64
		median, p90 float64
	}{
		{nil, 0, 0},
		{[]float64{3}, 3, 3},
		{[]float64{1, 2}, 1.5, 2},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5.5, 9},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 6, 10},
	} {
		if m, p := Median(c.in), Percentile(c.in, 90); m != c.median || p != c.p90 {
			t.Errorf("%v: median %v p90 %v, want %v %v", c.in, m, p, c.median, c.p90)
		}
	}
	if d := Days(36 * time.Hour); d != 1.5 {
		t.Errorf("Days(36h) = %v", d)
	}
}
