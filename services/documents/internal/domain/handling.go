package domain

import "time"

// The handling times the statistics report (Stats.Handling) are fixed when
// the receipt is written, so that a year's figures read stored numbers
// instead of replaying every receipt's routing. Durations are between
// stored instants (wall clock, to the nanosecond).

// since is a - b by the wall clock: an instant read back from the database
// carries no monotonic reading, so neither may the one it is compared with.
func since(a, b time.Time) time.Duration { return a.Round(0).Sub(b.Round(0)) }

// RegistrationTook is the time from arrival to registration; false before
// registration.
func (r Receipt) RegistrationTook() (time.Duration, bool) {
	if r.RegisteredAt == nil {
		return 0, false
	}
	return since(*r.RegisteredAt, r.CreatedAt), true
}

// DirectionTook is who directed the receipt and the time from arrival to
// the direction: its routing step (a receipt is directed once), or for a
// receipt directed before routing existed, its direction; false when not
// directed.
func (r Receipt) DirectionTook() (by string, took time.Duration, ok bool) {
	for i := len(r.Routing) - 1; i >= 0; i-- {
		if s := r.Routing[i]; s.Kind == StepDirect {
			return s.FromUserID, since(s.At, r.CreatedAt), true
		}
	}
	if d := r.Direction; d != nil {
		return d.DirectedBy, since(d.DirectedAt, r.CreatedAt), true
	}
	return "", 0, false
}

// StepTook is the time the i-th routing step's taker had the receipt: from
// receiving it (its registration, or the step before) to the step. A
// for-information reader's "read" is no step of the chain (false); who
// acted on it last holds it, so what one person took is never counted for
// another.
func (r Receipt) StepTook(i int) (time.Duration, bool) {
	if r.Routing[i].Kind == StepRead || r.RegisteredAt == nil {
		return 0, false
	}
	prev := *r.RegisteredAt
	for _, s := range r.Routing[:i] {
		if s.Kind != StepRead {
			prev = s.At
		}
	}
	return since(r.Routing[i].At, prev), true
}
