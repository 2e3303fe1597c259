package workdays

import (
	"reflect"
	"testing"
	"time"
)

func ymd(t time.Time) string { return t.Format(time.DateOnly) }

// Around each Tết the calendar must know the last working day before the
// break and the first one after it.
func TestTetBoundaries(t *testing.T) {
	byRule := NewYearly(VietnamByRule)
	shippedCal := Vietnamese()
	tests := []struct {
		cal           *Calendar
		year          int
		before, after string
	}{
		// By rule: the last day of the lunar year and mùng 1–4, with a day
		// off in compensation for each that falls on a weekend.
		{byRule, 2024, "2024-02-08", "2024-02-16"}, // Tết on Saturday: off Fri 9 – Thu 15
		{byRule, 2025, "2025-01-27", "2025-02-04"}, // mùng 4 on Saturday: Mon 3/2 off
		{byRule, 2026, "2026-02-13", "2026-02-23"}, // Mon 16 – Fri 20
		{byRule, 2027, "2027-02-04", "2027-02-12"}, // Tết on Saturday: off Fri 5 – Thu 11
		{byRule, 2028, "2028-01-24", "2028-02-01"}, // mùng 4 on Saturday: Mon 31/1 off
		{byRule, 2029, "2029-02-09", "2029-02-19"}, // Mon 12 – Fri 16
		{byRule, 2030, "2030-01-31", "2030-02-08"}, // Tết on Saturday 2/2
		// As announced: 2024 off Thu 8 – Wed 14; 2025 off Sat 25/1 – Sun 2/2
		// with Mon 27/1 worked on Sat 8/2; 2026 off Sat 14 – Sun 22/2.
		{shippedCal, 2024, "2024-02-07", "2024-02-15"},
		{shippedCal, 2025, "2025-01-24", "2025-02-03"},
		{shippedCal, 2026, "2026-02-13", "2026-02-23"},
		{shippedCal, 2027, "2027-02-04", "2027-02-12"},
	}
	for _, tt := range tests {
		tet := Tet(tt.year)
		before, after := day(tt.before), day(tt.after)
		if !tt.cal.IsWorkingDay(before) || !tt.cal.IsWorkingDay(after) {
			t.Errorf("%d: %s and %s must be working days", tt.year, tt.before, tt.after)
		}
		for d := before.AddDate(0, 0, 1); d.Before(after); d = d.AddDate(0, 0, 1) {
			if tt.cal.IsWorkingDay(d) {
				t.Errorf("%d: %s (%s) is worked, want off for Tết", tt.year, ymd(d), d.Weekday())
			}
		}
		if !before.Before(tet) || !tet.Before(after) {
			t.Errorf("%d: Tết %s is not between %s and %s", tt.year, ymd(tet), tt.before, tt.after)
		}
		if got := tt.cal.Add(before, 1); !got.Equal(after) {
			t.Errorf("%d: a working day after %s is %s, want %s", tt.year, tt.before, ymd(got), tt.after)
		}
	}
	if !shippedCal.IsWorkingDay(day("2025-02-08")) {
		t.Error("Saturday 8/2/2025 is worked in exchange for Monday 27/1")
	}
}

// The "Done when" case: "10 ngày làm việc" given on the Friday before Tết.
func TestTenWorkingDaysFromFridayBeforeTet(t *testing.T) {
	cal := Vietnamese()
	tests := []struct{ given, due string }{
		// Given Fri 13/02/2026. Off: Sat 14, Sun 15, Tết Mon 16 – Fri 20,
		// Sat 21, Sun 22. Counted: Mon 23 (1), Tue 24 (2), Wed 25 (3), Thu 26
		// (4), Fri 27 (5), Mon 02/3 (6), Tue 03 (7), Wed 04 (8), Thu 05 (9),
		// Fri 06/03 (10).
		{"2026-02-13", "2026-03-06"},
		// Given Fri 24/01/2025. Off: 25–26, Mon 27 (swapped), Tết Tue 28 –
		// Sat 01/02, Sun 02. Counted: Mon 03/02 (1), 04 (2), 05 (3), 06 (4),
		// Fri 07 (5), Sat 08 worked in exchange (6), Mon 10 (7), 11 (8), 12
		// (9), Wed 13/02 (10).
		{"2025-01-24", "2025-02-13"},
		// Given Fri 29/01/2027 (the Friday after is 30 Tết). Counted: Mon
		// 01/02 (1) – Thu 04 (4); off Fri 05 – Thu 11 (Tết and the days in
		// compensation for mùng 1 and 2 on the weekend); Fri 12 (5), Mon 15
		// (6) – Fri 19/02 (10).
		{"2027-01-29", "2027-02-19"},
	}
	for _, tt := range tests {
		if got := cal.Add(day(tt.given), 10); ymd(got) != tt.due {
			t.Errorf("10 ngày làm việc from %s = %s, want %s", tt.given, ymd(got), tt.due)
		}
	}
}

func TestVietnamByRule(t *testing.T) {
	tests := []struct {
		year int
		off  []string // weekdays off
	}{
		// 2022: 30/4 and 1/5 on the weekend, so Mon 2/5 and Tue 3/5; 2/9 Fri
		// with Thu 1/9.
		{2022, []string{"2022-01-03", "2022-04-11", "2022-05-02", "2022-05-03", "2022-09-01", "2022-09-02"}},
		// 2023: 1/1 Sunday → Mon 2/1; Giỗ Tổ Sat 29/4 with 30/4 Sun, 1/5
		// Mon → Tue 2/5, Wed 3/5; 2/9 Saturday with Fri 1/9 → Mon 4/9.
		{2023, []string{"2023-01-02", "2023-05-01", "2023-05-02", "2023-05-03", "2023-09-01", "2023-09-04"}},
		// 2026: Giỗ Tổ on Sunday 26/4 → Monday 27/4.
		{2026, []string{"2026-01-01", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"}},
	}
	for _, tt := range tests {
		cal := NewYearly(VietnamByRule)
		for _, s := range tt.off {
			if cal.IsWorkingDay(day(s)) {
				t.Errorf("%d: %s is worked, want off", tt.year, s)
			}
		}
	}
	// 2027 is shipped as the rule gives it until it is announced.
	if got, want := VietnamByRule(2027), Vietnam(2027); !reflect.DeepEqual(got, want) {
		t.Errorf("2027 by rule differs from shipped:\n%v\n%v", got, want)
	}
}

func TestQuocKhanhNeighbour(t *testing.T) {
	want := map[int]string{ // as announced
		2021: "2021-09-03", 2022: "2022-09-01", 2023: "2023-09-01", 2024: "2024-09-03", 2025: "2025-09-01",
	}
	for y, w := range want {
		if got := quocKhanhNeighbour(time.Date(y, 9, 2, 0, 0, 0, 0, time.UTC)); ymd(got) != w {
			t.Errorf("%d: beside Quốc khánh %s, want %s", y, ymd(got), w)
		}
	}
}

func TestShippedYears(t *testing.T) {
	ys := ShippedYears()
	for _, y := range []int{2026, 2027} {
		found := false
		for _, s := range ys {
			found = found || s == y
		}
		if !found {
			t.Errorf("year %d is not shipped", y)
		}
	}
	for _, y := range ys {
		for _, d := range Vietnam(y) {
			if !d.Off && !weekend(d.Date) {
				t.Errorf("%d: %s is a swapped working day but not a weekend day", y, ymd(d.Date))
			}
		}
	}
	// An agency's own day wins over the shipped one.
	c := NewYearly(Vietnam, Day{Date: day("2026-09-01"), Off: false, Name: "Làm việc"})
	if !c.IsWorkingDay(day("2026-09-01")) || c.IsWorkingDay(day("2026-09-02")) {
		t.Error("override of 1/9/2026 not applied")
	}
	if n := len(c.Days(2026)); n != len(Vietnam(2026)) {
		t.Errorf("Days(2026) has %d days, want %d", n, len(Vietnam(2026)))
	}
}
