package store

import (
	"context"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/workdays"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
)

// CalendarYears reads the years agency set and their days (two small
// queries: an agency sets a few years of a few dozen days).
func (s *Store) CalendarYears(ctx context.Context, agencyID string) (map[int]app.CalendarYear, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT year, updated_by, updated_at FROM calendar_years WHERE agency_id = $1`, agencyID)
	if err != nil {
		return nil, fmt.Errorf("calendar years: %w", err)
	}
	out := map[int]app.CalendarYear{}
	for rows.Next() {
		y := app.CalendarYear{AgencyID: agencyID}
		var at string
		if err := rows.Scan(&y.Year, &y.UpdatedBy, &at); err != nil {
			rows.Close()
			return nil, fmt.Errorf("calendar years: %w", err)
		}
		if y.UpdatedAt, err = store.ParseTime(at); err != nil {
			rows.Close()
			return nil, fmt.Errorf("calendar years: %w", err)
		}
		out[y.Year] = y
	}
	if err := closeRows(rows); err != nil {
		return nil, fmt.Errorf("calendar years: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	rows, err = s.db.QueryContext(ctx, `SELECT year, day, off, name FROM calendar_days WHERE agency_id = $1 ORDER BY day`, agencyID)
	if err != nil {
		return nil, fmt.Errorf("calendar days: %w", err)
	}
	for rows.Next() {
		var (
			year      int
			day, name string
			off       bool
		)
		if err := rows.Scan(&year, &day, &off, &name); err != nil {
			rows.Close()
			return nil, fmt.Errorf("calendar days: %w", err)
		}
		t, err := time.Parse(time.DateOnly, day)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("calendar day %q: %w", day, err)
		}
		y, ok := out[year]
		if !ok {
			continue // a year reset while we read
		}
		y.Days = append(y.Days, workdays.Day{Date: t, Off: off, Name: name})
		out[year] = y
	}
	if err := closeRows(rows); err != nil {
		return nil, fmt.Errorf("calendar days: %w", err)
	}
	return out, nil
}

// SetCalendarYear replaces the agency's days of the year in one
// transaction.
func (s *Store) SetCalendarYear(ctx context.Context, y app.CalendarYear) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM calendar_days WHERE agency_id = $1 AND year = $2`, y.AgencyID, y.Year); err != nil {
			return fmt.Errorf("set calendar: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `
INSERT INTO calendar_years (agency_id, year, updated_by, updated_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (agency_id, year) DO UPDATE SET updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			y.AgencyID, y.Year, y.UpdatedBy, store.FormatTime(y.UpdatedAt)); err != nil {
			return fmt.Errorf("set calendar: %w", err)
		}
		for _, d := range y.Days {
			if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_days (agency_id, year, day, off, name) VALUES ($1, $2, $3, $4, $5)`,
				y.AgencyID, y.Year, d.Date.Format(time.DateOnly), d.Off, d.Name); err != nil {
				return fmt.Errorf("set calendar: %w", err)
			}
		}
		return nil
	})
}

// ResetCalendarYear deletes the agency's days of year.
func (s *Store) ResetCalendarYear(ctx context.Context, agencyID string, year int) (bool, error) {
	var n int64
	err := s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM calendar_days WHERE agency_id = $1 AND year = $2`, agencyID, year); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM calendar_years WHERE agency_id = $1 AND year = $2`, agencyID, year)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("reset calendar: %w", err)
	}
	return n > 0, nil
}

type closer interface {
	Err() error
	Close() error
}

// closeRows closes rows and reports the iteration's error, if any.
func closeRows(rows closer) error {
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	return rows.Close()
}
