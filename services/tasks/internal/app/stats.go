package app

import (
	"context"
	"slices"
	"strings"
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
	asOf := a.now()
	if !t.IsZero() && t.End().Before(asOf) {
		asOf = t.End()
	}
	data, err := a.progress.StatTasks(ctx, sb, f, t, asOf)
	if err != nil {
		return nil, err
	}
	return unitStats(data, asOf), nil
}

// unitStats counts tasks per assignee unit as of asOf, in unit order. A
// count of running tasks is classed as one task of its status and due
// date would be.
func unitStats(data StatData, asOf time.Time) []UnitStatView {
	out := []UnitStatView{}
	index := map[string]int{}
	add := func(unit, class string, n int) {
		i, ok := index[unit]
		if !ok {
			i = len(out)
			index[unit] = i
			out = append(out, UnitStatView{UnitStat: UnitStat{UnitID: unit}})
		}
		for range n {
			out[i].Counts.Add(class)
		}
	}
	task := func(t domain.Task, n int) {
		if c, counted := t.ClassAt(asOf); counted {
			add(t.AssigneeUnitID, string(c), n)
		}
	}
	for _, t := range data.Tasks {
		task(t, 1)
	}
	for _, r := range data.Running {
		task(domain.Task{AssigneeUnitID: r.UnitID, Status: r.Status, DueDate: r.DueDate}, r.N)
	}
	for _, c := range data.Classed {
		add(c.UnitID, c.Class, c.N)
	}
	slices.SortStableFunc(out, func(a, b UnitStatView) int { return strings.Compare(a.UnitID, b.UnitID) })
	for i := range out {
		out[i].OnTimeRate = out[i].Counts.OnTimeRate()
	}
	return out
}
