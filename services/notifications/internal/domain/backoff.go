package domain

import (
	"math/rand/v2"
	"time"
)

// Backoff is the wait before retry number attempt (1 for the first retry):
// base doubled each time, capped at max, with ±25 % jitter so that many
// failed sends to one server do not all come back at once.
func Backoff(base, max time.Duration, attempt int) time.Duration {
	d := base
	for i := 1; i < attempt && d < max; i++ {
		d *= 2
	}
	d = min(d, max)
	jitter := time.Duration(rand.Int64N(int64(d)/2+1)) - d/4
	return d + jitter
}
