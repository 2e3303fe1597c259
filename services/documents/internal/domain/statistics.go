package domain

import (
	"slices"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/quantile"
)

// StatsQuery selects an agency's documents of a period for the periodic
// reports on electronic document handling.
type StatsQuery struct {
	AgencyID string
	// From and To are days in Viet Nam, both included.
	From, To string
}

// Validate checks the query (not who asks).
func (q StatsQuery) Validate() error {
	var v apperr.Validator
	v.Check(q.AgencyID != "", "agency_id", "is required")
	v.Check(ValidDate(q.From), "from", "must be a date YYYY-MM-DD")
	v.Check(ValidDate(q.To), "to", "must be a date YYYY-MM-DD")
	v.Check(!ValidDate(q.From) || !ValidDate(q.To) || q.From <= q.To, "to", "must not be before from")
	return v.Err()
}

// Bounds are the instants of the period: the start of From's day and the
// end of To's (exclusive).
func (q StatsQuery) Bounds() (from, to time.Time) {
	from, _ = time.ParseInLocation(DateLayout, q.From, Zone)
	t, _ := time.ParseInLocation(DateLayout, q.To, Zone)
	return from, t.AddDate(0, 0, 1)
}

// Tally counts documents by channel, kind and urgency.
type Tally struct {
	Total     int
	ByChannel map[Channel]int
	ByKind    map[Kind]int
	ByUrgency map[Urgency]int
}

// Add counts n documents of one channel, kind and urgency.
func (t *Tally) Add(c Channel, k Kind, u Urgency, n int) {
	if t.ByChannel == nil {
		t.ByChannel = map[Channel]int{ChannelExchange: 0, ChannelInternal: 0, ChannelPaper: 0}
		t.ByKind, t.ByUrgency = map[Kind]int{}, map[Urgency]int{}
	}
	t.Total += n
	t.ByChannel[c] += n
	t.ByKind[k] += n
	t.ByUrgency[u] += n
}

// Stats are the figures of a period. Handled fully electronically: a
// document received by exchange or internally, or one sent with a signed
// PDF.
type Stats struct {
	Query              StatsQuery
	Received, Sent     Tally
	ElectronicReceived int
	ElectronicSent     int
	// Handling: the agency's (no unit, no person), then per unit, then
	// per person.
	Handling []Handling
}

// ElectronicShare is the share of the period's documents (received and
// sent) handled fully electronically, 0 when there were none.
func (s Stats) ElectronicShare() float64 {
	all := s.Received.Total + s.Sent.Total
	if all == 0 {
		return 0
	}
	return float64(s.ElectronicReceived+s.ElectronicSent) / float64(all)
}

// Handling is how long registration (by the clerk) and direction (by the
// leader) took after arrival, for the agency, one unit or one person.
type Handling struct {
	UnitID, UserID, Name string
	// Days from arrival to registration and to direction, each ascending.
	ToRegistration, ToDirection []float64
	// Steps are the days each routing step this person (or the unit's
	// people) took: from receiving the document (its registration, or the
	// step that passed it to them) to passing it on, ascending.
	Steps []float64
}

// Median, Percentile and Days are pkg/quantile's, shared with the tasks'
// analytics so that both pages mean the same by them.
var (
	Median     = quantile.Median
	Percentile = quantile.Percentile
	Days       = quantile.Days
)

// SortHandling sorts each list of durations.
func SortHandling(hs []Handling) {
	for i := range hs {
		slices.Sort(hs[i].ToRegistration)
		slices.Sort(hs[i].ToDirection)
		slices.Sort(hs[i].Steps)
	}
}
