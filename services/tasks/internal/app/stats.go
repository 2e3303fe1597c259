package app

import (
	"context"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// UnitStatView is a unit's four counts and its on-time rate: completed on
// time ÷ (completed + open overdue), nil when nothing counts.
type UnitStatView struct {
	UnitStat
	OnTimeRate *float64
}

// UnitStats is the scoreboard per assignee unit over tasks due in
// [from, to] (either may be empty); any user reads it.
func (a *App) UnitStats(ctx context.Context, from, to string) ([]UnitStatView, error) {
	if _, err := viewer(ctx); err != nil {
		return nil, err
	}
	var val apperr.Validator
	parse := func(field, s string) domain.Date {
		if s == "" {
			return domain.Date{}
		}
		d, err := domain.ParseDate(s)
		if err != nil {
			val.Add(field, err.Error())
		}
		return d
	}
	f, t := parse("from", from), parse("to", to)
	if !f.IsZero() && !t.IsZero() {
		val.Check(!t.Before(f), "to", "must not be before from")
	}
	if err := val.Err(); err != nil {
		return nil, err
	}
	stats, err := a.progress.UnitStats(ctx, f, t, domain.OverdueBefore(a.now()))
	if err != nil {
		return nil, err
	}
	out := make([]UnitStatView, 0, len(stats))
	for _, s := range stats {
		v := UnitStatView{UnitStat: s}
		if d := s.CompletedOnTime + s.CompletedLate + s.OpenOverdue; d > 0 {
			r := float64(s.CompletedOnTime) / float64(d)
			v.OnTimeRate = &r
		}
		out = append(out, v)
	}
	return out, nil
}
