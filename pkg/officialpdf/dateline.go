package officialpdf

import (
	"fmt"
	"time"
)

// vietnam is Vietnam's time: UTC+7 all year (no daylight saving since
// 1975), fixed so that rendering needs no time-zone database.
var vietnam = time.FixedZone("ICT", 7*60*60)

// DateLine is the place-date line, e.g. "Khánh Hòa, ngày 05 tháng 3 năm
// 2026". Decree 30 writes days below 10 and the months January and February
// with a leading zero (so "tháng 01" cannot be misread as "tháng 10" or
// "tháng 11" when filled in by hand) and other months without. The date is
// read in Vietnam's time. A zero date (a draft) leaves blanks to write in.
func DateLine(place string, t time.Time) string {
	if t.IsZero() {
		return place + ", ngày      tháng      năm       "
	}
	t = t.In(vietnam)
	month := fmt.Sprint(int(t.Month()))
	if t.Month() <= time.February {
		month = "0" + month
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", place, t.Day(), month, t.Year())
}
