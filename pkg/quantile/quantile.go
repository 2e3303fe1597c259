// Package quantile holds the summary figures of handling times that the
// documents' statistics and the tasks' analytics both report, so that a
// median means the same on every page.
package quantile

import (
	"math"
	"time"
)

// Median is the middle value (the mean of the middle two) of an ascending
// list, 0 for none.
func Median(sorted []float64) float64 {
	n := len(sorted)
	switch {
	case n == 0:
		return 0
	case n%2 == 1:
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// Percentile is the nearest-rank p-th percentile (0 < p ≤ 100) of an
// ascending list, 0 for none.
func Percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// Days is a duration in days, to the hundredth.
func Days(d time.Duration) float64 { return math.Round(d.Hours()/24*100) / 100 }
