package cli

import (
	"context"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// dueText is a task's deadline with the working days it was given in, as
// officials write it: "10 ngày làm việc (đến 05/03/2027)".
func (a *App) dueText(t tasksapi.Task) string {
	if t.DueWorkingDays > 0 {
		return a.trf("%d working days (by %s)", t.DueWorkingDays, a.date(t.DueDate))
	}
	return a.date(t.DueDate)
}

// weekdays are the days of the week as Vietnamese write them.
var weekdays = map[time.Weekday]string{time.Monday: "Thứ Hai", time.Tuesday: "Thứ Ba", time.Wednesday: "Thứ Tư",
	time.Thursday: "Thứ Năm", time.Friday: "Thứ Sáu", time.Saturday: "Thứ Bảy", time.Sunday: "Chủ nhật"}

// calendarSources say where a year's days come from.
var calendarSources = map[string]string{
	"agency":  "set by the agency's administrator",
	"shipped": "the Government's announcement of the holidays (default)",
	"rule":    "the Labour Code's rule (no announcement yet)",
}

// runCalendar shows, sets or resets a year of an agency's calendar of
// working days (GET, PUT, DELETE /v1/calendars/{year}).
func runCalendar(ctx context.Context, a *App, args []string) error {
	if len(args) == 0 || (args[0] != "show" && args[0] != "set" && args[0] != "reset") {
		return usagef("calendar: show|set|reset [--year Y] [--agency A] [FILE]")
	}
	op := args[0]
	f := a.flags("calendar " + op)
	year := f.Int("year", time.Now().Year(), "the year (default: this year)")
	agency := f.String("agency", "", "the agency (id or short name; default: yours)")
	want := 0
	if op == "set" {
		want = 1
	}
	pos, err := f.parse(args[1:], want, want)
	if err != nil {
		if op == "set" && len(args) < 3 {
			return usagef("calendar set: FILE is required (one day a line: YYYY-MM-DD;nghỉ|làm bù;name)")
		}
		return err
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	agencyID := ""
	if *agency != "" {
		if agencyID, err = a.directory(ctx, c).Resolve(*agency); err != nil {
			return err
		}
	}
	tc := c.Tasks
	var cal tasksapi.Calendar
	switch op {
	case "show":
		cal, err = tc.Calendar(ctx, *year, agencyID)
	case "reset":
		cal, err = tc.ResetCalendar(ctx, *year, agencyID)
	default:
		var days []tasksapi.CalendarDay
		if days, err = a.readCalendarFile(pos[0]); err == nil {
			cal, err = tc.SetCalendar(ctx, *year, agencyID, days)
		}
	}
	if err != nil {
		return err
	}
	if *f.json {
		return printJSON(a.Stdout, cal)
	}
	rows := make([][]string, 0, len(cal.Days))
	for _, d := range cal.Days {
		kind := a.tr("day off")
		if !d.Off {
			kind = a.tr("working day in exchange")
		}
		t, _ := time.Parse(time.DateOnly, d.Date)
		day := weekdays[t.Weekday()]
		if a.lang == "en" {
			day = t.Weekday().String()
		}
		rows = append(rows, []string{a.date(d.Date), day, kind, d.Name})
	}
	source := cal.Source
	if s, ok := calendarSources[source]; ok {
		source = a.tr(s)
	}
	if err := fields(a.Stdout, a.kv("year", strconv.Itoa(cal.Year), "based on", source)...); err != nil {
		return err
	}
	return table(a.Stdout, a.header("DATE", "DAY", "KIND", "NAME"), rows)
}

// readCalendarFile reads "YYYY-MM-DD;nghỉ|làm bù;name" lines; the service
// checks the dates and names again and names the field if not.
func (a *App) readCalendarFile(path string) ([]tasksapi.CalendarDay, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	days := []tasksapi.CalendarDay{}
	for i, line := range strings.Split(strings.ReplaceAll(string(raw), "\r", ""), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		parts := strings.SplitN(line, ";", 3)
		if len(parts) != 3 {
			return nil, usagef("line %d: want YYYY-MM-DD;nghỉ|làm bù;name", i+1)
		}
		d := tasksapi.CalendarDay{Date: strings.TrimSpace(parts[0]), Name: strings.TrimSpace(parts[2])}
		switch strings.ToLower(strings.TrimSpace(parts[1])) {
		case "nghỉ", "nghi", "off":
			d.Off = true
		case "làm bù", "lam bu", "work":
		default:
			return nil, usagef("line %d: want YYYY-MM-DD;nghỉ|làm bù;name", i+1)
		}
		days = append(days, d)
	}
	return days, nil
}
