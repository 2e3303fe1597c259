package app_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
)

func TestCalendarOf(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := newApp(t, db, time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
		ctx := context.Background()
		tet, sep1 := time.Date(2027, 2, 8, 0, 0, 0, 0, time.UTC), time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
		cal, err := a.CalendarOf(ctx, "sttt")
		if err != nil || cal.IsWorkingDay(tet) || cal.IsWorkingDay(sep1) {
			t.Fatalf("shipped: %v", err)
		}
		admin := auth.NewContext(ctx, auth.Principal{Subject: "adm", AgencyID: "sttt", Roles: []string{auth.RoleAdmin}})
		leader := auth.NewContext(ctx, auth.Principal{Subject: "ldr", AgencyID: "sttt", Roles: []string{auth.RoleLeader}})
		in := app.CalendarInput{Days: []app.CalendarDayInput{{Date: "2026-09-02", Off: true, Name: "Quốc khánh"}}}
		if _, err := a.SetCalendar(leader, 2026, "", in); !errors.Is(err, apperr.ErrForbidden) {
			t.Fatalf("a leader sets the calendar: %v", err)
		}
		if _, err := a.SetCalendar(admin, 2026, "", in); err != nil {
			t.Fatal(err)
		}
		// The change counts from the next call on; other years and agencies
		// keep the shipped days.
		cal, err = a.CalendarOf(ctx, "sttt")
		if err != nil || !cal.IsWorkingDay(sep1) || cal.IsWorkingDay(tet) {
			t.Fatalf("after the change: 1/9/2026 worked %v, %v", cal.IsWorkingDay(sep1), err)
		}
		if other, _ := a.CalendarOf(ctx, "sct"); other.IsWorkingDay(sep1) {
			t.Fatal("another agency's calendar changed")
		}
		if _, err := a.ResetCalendar(admin, 2026, ""); err != nil {
			t.Fatal(err)
		}
		if cal, _ = a.CalendarOf(ctx, "sttt"); cal.IsWorkingDay(sep1) {
			t.Fatal("reset did not bring the shipped days back")
		}
	})
}
