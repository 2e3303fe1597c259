package workdays

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// Vietnam's public holidays (Labour Code 2019, Art. 112) as the rule gives
// them, and each year's announced days off (thông báo nghỉ lễ, Tết) shipped
// as data: the government fixes Tết's five days, the day beside Quốc khánh
// and any swapped working days each year, so a shipped year wins over the
// rule, which serves the years nobody has announced yet.

//go:embed vietnam.json
var shippedJSON []byte

type shippedYear struct {
	Source string `json:"source"`
	Days   []struct {
		Date string `json:"date"`
		Off  bool   `json:"off"`
		Name string `json:"name"`
	} `json:"days"`
}

var shipped = mustShipped()

func mustShipped() map[int][]Day {
	var raw map[string]shippedYear
	if err := json.Unmarshal(shippedJSON, &raw); err != nil {
		panic(fmt.Sprintf("workdays: vietnam.json: %v", err))
	}
	out := make(map[int][]Day, len(raw))
	for y, sy := range raw {
		var year int
		if _, err := fmt.Sscan(y, &year); err != nil {
			panic(fmt.Sprintf("workdays: vietnam.json: year %q", y))
		}
		for _, d := range sy.Days {
			t, err := time.Parse(time.DateOnly, d.Date)
			if err != nil || t.Year() != year || d.Name == "" {
				panic(fmt.Sprintf("workdays: vietnam.json: %d: bad day %+v", year, d))
			}
			out[year] = append(out[year], Day{Date: t, Off: d.Off, Name: d.Name})
		}
	}
	return out
}

// ShippedYears are the years whose announcement ships with the package.
func ShippedYears() []int {
	ys := make([]int, 0, len(shipped))
	for y := range shipped {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// Vietnam is year y's holidays and swapped days: the shipped announcement
// when there is one, else VietnamByRule. The slice is the caller's.
func Vietnam(y int) []Day {
	if ds, ok := shipped[y]; ok {
		return append([]Day(nil), ds...)
	}
	return VietnamByRule(y)
}

// Shipped reports whether year y's days come from an announcement.
func Shipped(y int) bool {
	_, ok := shipped[y]
	return ok
}

// VietnamByRule is year y's holidays as the Labour Code gives them, in date
// order: Tết Dương lịch; Tết Nguyên đán as the last day of the lunar year
// and mùng 1–4; Giỗ Tổ Hùng Vương on 10/3 âm lịch; 30/4 and 1/5; Quốc khánh
// 2/9 with the day beside it; and for each of these on a Saturday or
// Sunday, a compensatory day off on the next working day (Art. 111(3)).
func VietnamByRule(y int) []Day {
	var hs []Day
	add := func(t time.Time, name string) { hs = append(hs, Day{Date: t, Off: true, Name: name}) }
	date := func(m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

	add(date(time.January, 1), "Tết Dương lịch")
	tet := Tet(y)
	last := tet.AddDate(0, 0, -1)
	add(last, fmt.Sprintf("Tết Nguyên đán (%d tháng Chạp)", Lunar(last).Day))
	for i := 0; i < 4; i++ {
		add(tet.AddDate(0, 0, i), fmt.Sprintf("Tết Nguyên đán (mùng %d tháng Giêng)", i+1))
	}
	gio, err := Solar(LunarDate{Day: 10, Month: 3, Year: y})
	if err != nil {
		panic(err) // every lunar month has a 10th
	}
	add(gio, "Giỗ Tổ Hùng Vương (10/3 âm lịch)")
	add(date(time.April, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước")
	add(date(time.May, 1), "Ngày Quốc tế Lao động")
	qk := date(time.September, 2)
	add(qk, "Quốc khánh")
	add(quocKhanhNeighbour(qk), "Quốc khánh (ngày liền kề)")
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].Date.Before(hs[j].Date) })
	return withCompensation(hs)
}

// quocKhanhNeighbour picks 1/9 or 3/9 as the announcements of 2021–2025
// did: the one that joins a weekend (3/9 when it is a Friday), 3/9 when 1/9
// is a Sunday, else 1/9.
func quocKhanhNeighbour(qk time.Time) time.Time {
	before, after := qk.AddDate(0, 0, -1), qk.AddDate(0, 0, 1)
	if after.Weekday() == time.Friday || before.Weekday() == time.Sunday {
		return after
	}
	return before
}

func weekend(t time.Time) bool {
	return t.Weekday() == time.Saturday || t.Weekday() == time.Sunday
}

// withCompensation appends, for each holiday on a weekend, a day off on the
// next weekday that is neither a holiday nor already given in compensation.
func withCompensation(hs []Day) []Day {
	taken := make(map[civil]bool, len(hs))
	for _, h := range hs {
		taken[civilOf(h.Date)] = true
	}
	out := append([]Day(nil), hs...)
	for _, h := range hs {
		if !weekend(h.Date) {
			continue
		}
		t := h.Date
		for weekend(t) || taken[civilOf(t)] {
			t = t.AddDate(0, 0, 1)
		}
		taken[civilOf(t)] = true
		out = append(out, Day{Date: t, Off: true, Name: "Nghỉ bù " + h.Name})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}
