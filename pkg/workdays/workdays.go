// Package workdays counts an agency's working days (ngày làm việc):
// Saturdays and Sundays are off, the days a Calendar lists as holidays are
// off, and the Saturdays or Sundays it lists as swapped working days (làm
// bù) are worked. Dates are civil dates: only a time's year, month and day
// in its own location count.
package workdays

import (
	"sort"
	"sync"
	"time"
)

// Day is one exception to the weekend rule: a holiday (Off) or a weekend
// day worked in exchange for another (!Off).
type Day struct {
	Date time.Time
	Off  bool
	Name string
}

type civil struct {
	y int
	m time.Month
	d int
}

func civilOf(t time.Time) civil {
	y, m, d := t.Date()
	return civil{y, m, d}
}

// Calendar is immutable once built; it is safe for concurrent use.
type Calendar struct {
	except map[civil]Day
	// yearly gives a year's exceptions on first use (Vietnam's holidays for
	// any year a deadline reaches); nil for none.
	yearly func(year int) []Day
	mu     sync.Mutex
	years  map[int]map[civil]Day
}

// NewYearly builds a calendar whose exceptions for a year are yearly(year),
// asked once per year; days, as in New, override them.
func NewYearly(yearly func(year int) []Day, days ...Day) *Calendar {
	c := New(days...)
	c.yearly = yearly
	c.years = make(map[int]map[civil]Day)
	return c
}

// Vietnamese is the calendar of Vietnam's public holidays and swapped days
// (Vietnam), before any agency's own changes.
func Vietnamese() *Calendar { return NewYearly(Vietnam) }

func (c *Calendar) lookup(t time.Time) (Day, bool) {
	k := civilOf(t)
	if d, ok := c.except[k]; ok {
		return d, true
	}
	if c.yearly == nil {
		return Day{}, false
	}
	d, ok := c.year(k.y)[k]
	return d, ok
}

// year is yearly(y) by date, computed once; the map is never written after.
func (c *Calendar) year(y int) map[civil]Day {
	c.mu.Lock()
	defer c.mu.Unlock()
	m, ok := c.years[y]
	if !ok {
		m = make(map[civil]Day)
		for _, d := range c.yearly(y) {
			if dk := civilOf(d.Date); dk.y == y {
				m[dk] = d
			}
		}
		c.years[y] = m
	}
	return m
}

// Days lists year's holidays and swapped days in date order.
func (c *Calendar) Days(year int) []Day {
	var out []Day
	seen := map[civil]bool{}
	for k, d := range c.except {
		if k.y == year {
			out, seen[k] = append(out, d), true
		}
	}
	if c.yearly != nil {
		for k, d := range c.year(year) {
			if !seen[k] {
				out = append(out, d)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return civilBefore(civilOf(out[i].Date), civilOf(out[j].Date)) })
	return out
}

// New builds a calendar with the given exceptions; a later Day for the same
// date replaces an earlier one, so shipped data can be overridden.
func New(days ...Day) *Calendar {
	c := &Calendar{except: make(map[civil]Day, len(days))}
	for _, d := range days {
		c.except[civilOf(d.Date)] = d
	}
	return c
}

// Weekends is the calendar with no holidays at all.
func Weekends() *Calendar { return New() }

// IsWorkingDay reports whether the civil date of t is worked.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	if d, ok := c.lookup(t); ok {
		return !d.Off
	}
	wd := t.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// Exception returns the holiday or swapped day on t's date, if any.
func (c *Calendar) Exception(t time.Time) (Day, bool) {
	return c.lookup(t)
}

// Add is the date n working days after t (t itself not counted), as an
// official counts "n ngày làm việc" from the day a task is given; n < 0
// counts backwards. Add(t, 0) is t.
func (c *Calendar) Add(t time.Time, n int) time.Time {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		t = t.AddDate(0, 0, step)
		if c.IsWorkingDay(t) {
			n--
		}
	}
	return t
}

// Between is the number of working days after from up to and including
// to; negative when to is before from.
func (c *Calendar) Between(from, to time.Time) int {
	sign := 1
	if civilBefore(civilOf(to), civilOf(from)) {
		from, to, sign = to, from, -1
	}
	n := 0
	for t := from; civilBefore(civilOf(t), civilOf(to)); {
		t = t.AddDate(0, 0, 1)
		if c.IsWorkingDay(t) {
			n++
		}
	}
	return sign * n
}

func civilBefore(a, b civil) bool {
	if a.y != b.y {
		return a.y < b.y
	}
	if a.m != b.m {
		return a.m < b.m
	}
	return a.d < b.d
}
