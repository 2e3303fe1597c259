package domain

import (
	"fmt"
	"time"
)

// Zone is Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight saving
// since 1975, so a fixed zone gives the same instants as the tz database
// while making the deadline boundary independent of the host's tzdata.
var Zone = time.FixedZone("Asia/Ho_Chi_Minh", 7*60*60)

const dateLayout = "2006-01-02"

// Date is a civil date (YYYY-MM-DD) in Zone. The zero Date means "none".
type Date struct {
	year  int
	month time.Month
	day   int
}

// ParseDate reads YYYY-MM-DD; impossible dates (2025-02-30) are errors.
func ParseDate(s string) (Date, error) {
	t, err := time.ParseInLocation(dateLayout, s, Zone)
	if err != nil || t.Format(dateLayout) != s {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for constants in tests and tables; it panics on a
// bad date.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf is the civil date of instant t in Zone.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Zone).Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the absent date.
func (d Date) IsZero() bool { return d == Date{} }

// String is YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.start().Format(dateLayout)
}

func (d Date) start() time.Time { return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, Zone) }

// Start is the first instant of the day in Zone.
func (d Date) Start() time.Time { return d.start() }

// AddDays is the day n days after d (before it when n < 0).
func (d Date) AddDays(n int) Date { return DateOf(d.start().AddDate(0, 0, n)) }

// End is the last instant of the day in Zone (23:59:59.999999999 +07:00).
// An act at End is still within the day.
func (d Date) End() time.Time { return d.start().AddDate(0, 0, 1).Add(-time.Nanosecond) }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.start().Before(e.start()) }

// Passed reports whether the day d has ended at instant now.
func (d Date) Passed(now time.Time) bool { return now.After(d.End()) }

// DaysBetween is the number of days from d to e (negative when e is
// earlier).
func DaysBetween(d, e Date) int {
	return int(e.start().Sub(d.start()).Round(time.Hour).Hours() / 24)
}
