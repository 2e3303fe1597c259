package officialpdf

import (
	"testing"
	"time"
)

func TestDateLine(t *testing.T) {
	for _, c := range []struct {
		name string
		at   time.Time
		want string
	}{
		{"day 1 has a leading zero", issued(2026, time.March, 1), "Khánh Hòa, ngày 01 tháng 3 năm 2026"},
		{"day 9 has a leading zero", issued(2026, time.April, 9), "Khánh Hòa, ngày 09 tháng 4 năm 2026"},
		{"day 10 has none", issued(2026, time.May, 10), "Khánh Hòa, ngày 10 tháng 5 năm 2026"},
		{"January has a leading zero", issued(2026, time.January, 15), "Khánh Hòa, ngày 15 tháng 01 năm 2026"},
		{"February has a leading zero", issued(2026, time.February, 28), "Khánh Hòa, ngày 28 tháng 02 năm 2026"},
		{"March has none", issued(2026, time.March, 31), "Khánh Hòa, ngày 31 tháng 3 năm 2026"},
		{"September has none", issued(2026, time.September, 2), "Khánh Hòa, ngày 02 tháng 9 năm 2026"},
		{"October has none", issued(2026, time.October, 20), "Khánh Hòa, ngày 20 tháng 10 năm 2026"},
		{"December has none", issued(2026, time.December, 31), "Khánh Hòa, ngày 31 tháng 12 năm 2026"},
		// 20:00 UTC on 28 February is already 1 March in Vietnam.
		{"read in Vietnam's time", time.Date(2026, time.February, 28, 20, 0, 0, 0, time.UTC), "Khánh Hòa, ngày 01 tháng 3 năm 2026"},
		{"new year's eve in UTC", time.Date(2025, time.December, 31, 17, 0, 0, 0, time.UTC), "Khánh Hòa, ngày 01 tháng 01 năm 2026"},
		{"a draft has blanks", time.Time{}, "Khánh Hòa, ngày      tháng      năm       "},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := DateLine("Khánh Hòa", c.at); got != c.want {
				t.Errorf("DateLine = %q, want %q", got, c.want)
			}
		})
	}
}
