package domain

import (
	"time"
	_ "time/tzdata" // the zone below must resolve on machines without zoneinfo
)

// DateLayout is the API's date form.
const DateLayout = "2006-01-02"

// Zone is where dates and numbering years are reckoned.
var Zone = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("ICT", 7*3600) // Viet Nam keeps no summer time
	}
	return loc
}()

// ValidDate reports whether s is a real calendar date written YYYY-MM-DD.
func ValidDate(s string) bool {
	t, err := time.ParseInLocation(DateLayout, s, Zone)
	return err == nil && t.Format(DateLayout) == s
}

// NumberingYear is the calendar year, in Viet Nam, a number given at t
// belongs to.
func NumberingYear(t time.Time) int { return t.In(Zone).Year() }
