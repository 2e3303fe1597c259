package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/workdays"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// An agency's calendar of working days is Vietnam's (pkg/workdays: the
// announced years shipped as data, the Labour Code's rule for the others)
// except for the years its administrator set: such a year's days replace
// the shipped ones whole, so removing a shipped holiday is possible too.

// Calendars stores the years agencies set.
type Calendars interface {
	// CalendarYears returns every year agency set, by year.
	CalendarYears(ctx context.Context, agencyID string) (map[int]CalendarYear, error)
	// SetCalendarYear replaces the agency's days of y.Year with y.Days.
	SetCalendarYear(ctx context.Context, y CalendarYear) error
	// ResetCalendarYear forgets the agency's days of year (back to the
	// shipped ones); false when it had none.
	ResetCalendarYear(ctx context.Context, agencyID string, year int) (bool, error)
}

// CalendarYear is one agency's own days of a year.
type CalendarYear struct {
	AgencyID  string
	Year      int
	Days      []workdays.Day
	UpdatedBy string
	UpdatedAt time.Time
}

// Where a year's days come from.
const (
	CalendarAgency  = "agency"  // set by the agency's administrator
	CalendarShipped = "shipped" // the government's announcement, shipped
	CalendarRule    = "rule"    // the Labour Code's rule, nothing announced
)

// CalendarView is a year of an agency's calendar as read.
type CalendarView struct {
	AgencyID  string
	Year      int
	Source    string
	Days      []workdays.Day
	UpdatedBy string
	UpdatedAt *time.Time
}

// CalendarInput is the days an administrator sets for a year (from
// tasksapi.CalendarUpdate).
type CalendarInput struct {
	Days []CalendarDayInput
}

// CalendarDayInput is one day as given.
type CalendarDayInput struct {
	Date string
	Off  bool
	Name string
}

const (
	minCalendarYear, maxCalendarYear = 2000, 2100
	maxCalendarDays                  = 100
	maxDayName                       = 200
)

// CalendarOf is agency's calendar of working days, read afresh each call
// so that an administrator's change counts from the next deadline on.
func (a *App) CalendarOf(ctx context.Context, agencyID string) (*workdays.Calendar, error) {
	own, err := a.calendars.CalendarYears(ctx, agencyID)
	if err != nil {
		return nil, fmt.Errorf("calendar of %s: %w", agencyID, err)
	}
	return workdays.NewYearly(func(year int) []workdays.Day {
		if y, ok := own[year]; ok {
			return y.Days
		}
		return workdays.Vietnam(year)
	}), nil
}

// Calendar is a year of the calendar of agencyID, or of the caller's
// agency when agencyID is "". Holidays are no secret: anyone signed in
// reads any agency's.
func (a *App) Calendar(ctx context.Context, year int, agencyID string) (CalendarView, error) {
	v, err := viewer(ctx)
	if err != nil {
		return CalendarView{}, err
	}
	if err := checkYear(year); err != nil {
		return CalendarView{}, err
	}
	if agencyID == "" {
		agencyID = v.AgencyID
	}
	if agencyID == "" {
		return CalendarView{}, missingAgency()
	}
	return a.calendarView(ctx, agencyID, year)
}

func missingAgency() error {
	return apperr.Invalid("whose calendar?", apperr.FieldError{Field: "agency_id", Message: "is required for a caller outside any agency"})
}

func (a *App) calendarView(ctx context.Context, agencyID string, year int) (CalendarView, error) {
	own, err := a.calendars.CalendarYears(ctx, agencyID)
	if err != nil {
		return CalendarView{}, fmt.Errorf("calendar of %s: %w", agencyID, err)
	}
	out := CalendarView{AgencyID: agencyID, Year: year}
	if y, ok := own[year]; ok {
		at := y.UpdatedAt
		out.Source, out.Days, out.UpdatedBy, out.UpdatedAt = CalendarAgency, y.Days, y.UpdatedBy, &at
	} else {
		out.Source, out.Days = CalendarRule, workdays.Vietnam(year)
		if workdays.Shipped(year) {
			out.Source = CalendarShipped
		}
	}
	out.Days = workdays.New(out.Days...).Days(year) // date order, one per date
	return out, nil
}

// SetCalendar replaces the caller's agency's holidays and swapped days of
// year; an administrator does it.
func (a *App) SetCalendar(ctx context.Context, year int, agencyID string, in CalendarInput) (CalendarView, error) {
	v, err := a.calendarAdmin(ctx, year, agencyID)
	if err != nil {
		return CalendarView{}, err
	}
	days, err := parseCalendarDays(year, in)
	if err != nil {
		return CalendarView{}, err
	}
	if err := a.calendars.SetCalendarYear(ctx, CalendarYear{AgencyID: v.AgencyID, Year: year, Days: days,
		UpdatedBy: v.UserID, UpdatedAt: a.now().UTC()}); err != nil {
		return CalendarView{}, err
	}
	return a.calendarView(ctx, v.AgencyID, year)
}

// ResetCalendar returns the caller's agency to the shipped days of year.
func (a *App) ResetCalendar(ctx context.Context, year int, agencyID string) (CalendarView, error) {
	v, err := a.calendarAdmin(ctx, year, agencyID)
	if err != nil {
		return CalendarView{}, err
	}
	if _, err := a.calendars.ResetCalendarYear(ctx, v.AgencyID, year); err != nil {
		return CalendarView{}, err
	}
	return a.calendarView(ctx, v.AgencyID, year)
}

// calendarAdmin checks that the caller administers the calendar of
// agencyID ("": the caller's own agency): an administrator of that agency,
// or one outside any agency (the bootstrap administrator) naming an
// existing agency. The viewer it returns carries the agency to change.
func (a *App) calendarAdmin(ctx context.Context, year int, agencyID string) (domain.Viewer, error) {
	v, err := viewer(ctx)
	if err != nil {
		return domain.Viewer{}, err
	}
	if !v.HasRole(auth.RoleAdmin) {
		return domain.Viewer{}, apperr.Forbidden("only an administrator changes the agency's calendar")
	}
	switch {
	case agencyID == "" || agencyID == v.AgencyID:
	case v.AgencyID != "":
		return domain.Viewer{}, apperr.Forbidden("an administrator changes only the calendar of the agency")
	default:
		u, ok, err := a.unitOf(ctx, agencyID)
		if err != nil {
			return domain.Viewer{}, err
		}
		if !ok || u.Kind != identityview.KindAgency {
			return domain.Viewer{}, apperr.Invalid("no such agency", apperr.FieldError{Field: "agency_id", Message: "is not an agency"})
		}
		v.AgencyID = agencyID
	}
	if v.AgencyID == "" {
		return domain.Viewer{}, missingAgency()
	}
	return v, checkYear(year)
}

func checkYear(year int) error {
	if year < minCalendarYear || year > maxCalendarYear {
		return apperr.Invalid("no calendar for that year",
			apperr.FieldError{Field: "year", Message: fmt.Sprintf("must be %d to %d", minCalendarYear, maxCalendarYear)})
	}
	return nil
}

// parseCalendarDays checks every day: a date of year, once; a name; and a
// swapped working day only on a Saturday or Sunday (any other day is
// worked anyway).
func parseCalendarDays(year int, in CalendarInput) ([]workdays.Day, error) {
	var val apperr.Validator
	val.Check(len(in.Days) <= maxCalendarDays, "days", fmt.Sprintf("has more than %d days", maxCalendarDays))
	seen := map[string]bool{}
	days := make([]workdays.Day, 0, len(in.Days))
	for i, d := range in.Days {
		field := fmt.Sprintf("days[%d]", i)
		t, err := time.Parse(time.DateOnly, d.Date)
		name := strings.TrimSpace(d.Name)
		switch {
		case err != nil || t.Format(time.DateOnly) != d.Date:
			val.Add(field+".date", "is not a date in the form YYYY-MM-DD")
			continue
		case t.Year() != year:
			val.Add(field+".date", fmt.Sprintf("is not in %d", year))
		case seen[d.Date]:
			val.Add(field+".date", "is listed twice")
		case !d.Off && t.Weekday() != time.Saturday && t.Weekday() != time.Sunday:
			val.Add(field+".off", "a swapped working day (làm bù) is a Saturday or Sunday")
		}
		seen[d.Date] = true
		val.Check(name != "", field+".name", "is required")
		val.Check(len([]rune(name)) <= maxDayName, field+".name", "is too long")
		days = append(days, workdays.Day{Date: t, Off: d.Off, Name: name})
	}
	if err := val.Err(); err != nil {
		return nil, err
	}
	return days, nil
}

// dueInWorkingDays is the date n working days after today over the
// calendar of agency, as an official counts "n ngày làm việc".
func (a *App) dueInWorkingDays(ctx context.Context, agencyID string, n int) (domain.Date, error) {
	cal, err := a.CalendarOf(ctx, agencyID)
	if err != nil {
		return domain.Date{}, err
	}
	y, m, d := a.now().In(domain.Zone).Date()
	due := cal.Add(time.Date(y, m, d, 0, 0, 0, 0, time.UTC), n)
	return domain.DateOf(time.Date(due.Year(), due.Month(), due.Day(), 12, 0, 0, 0, domain.Zone)), nil
}
