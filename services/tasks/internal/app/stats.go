package app

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// StatsBy is what puts a task in a scoreboard's period: its due date (the
// default) or its completion.
type StatsBy string

const (
	StatsByDue       StatsBy = "due"
	StatsByCompleted StatsBy = "completed"
)

// UnitStatView is a unit's counts and its on-time rate: completed on time
// ÷ (completed + open overdue), nil when nothing counts.
type UnitStatView struct {
	UnitStat
	OnTimeRate *float64
}

// UnitStats is the scoreboard per assignee unit over the tasks due (or,
// by completed, completed) in [from, to] (either may be empty), each in
// its class as it stood at the end of to (now when that has not come yet,
// or no to is given); any user reads it.
func (a *App) UnitStats(ctx context.Context, from, to, by string) ([]UnitStatView, error) {
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
	sb := StatsBy(by)
	switch sb {
	case "":
		sb = StatsByDue
	case StatsByDue, StatsByCompleted:
	default:
		val.Add("by", "must be due or completed")
	}
	if err := val.Err(); err != nil {
		return nil, err
	}
	tasks, err := a.progress.StatTasks(ctx, sb, f, t)
	if err != nil {
		return nil, err
	}
	asOf := a.now()
	if !t.IsZero() && t.End().Before(asOf) {
		asOf = t.End()
	}
	return unitStats(tasks, asOf), nil
}

// unitStats counts tasks per assignee unit as of asOf, in unit order.
func unitStats(tasks []domain.Task, asOf time.Time) []UnitStatView {
	out := []UnitStatView{}
	index := map[string]int{}
	for _, t := range tasks {
		c, counted := t.ClassAt(asOf)
		if !counted {
			continue
		}
		i, ok := index[t.AssigneeUnitID]
		if !ok {
			i = len(out)
			index[t.AssigneeUnitID] = i
			out = append(out, UnitStatView{UnitStat: UnitStat{UnitID: t.AssigneeUnitID}})
		}
		out[i].Counts.Add(string(c))
	}
	for i := range out {
		out[i].OnTimeRate = out[i].Counts.OnTimeRate()
	}
	return out
}
