package app

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// AnalyticsInput is GET /v1/analytics/tasks as given: the period from..to
// (YYYY-MM-DD, both required), group (unit or person), a unit whose
// subtree is read (default: the caller's agency, or for a leader's
// per-person figures the caller's unit), a person, and whether to list
// the open tasks.
type AnalyticsInput struct {
	From, To, Group, UnitID, UserID string
	OpenTasks                       bool
}

// AnalyticsRow is one unit's or one person's figures, with names from the
// directory ("" when it does not know them).
type AnalyticsRow struct {
	UnitID, UnitName, UserID, UserName string
	domain.Figures
}

// Analytics is the processing-time figures of a period per unit or per
// person, their total, and the current load as of Today.
type Analytics struct {
	From, To, Today, WeekEnd domain.Date
	// Now is the instant the open tasks were classified at.
	Now            time.Time
	Group          domain.Group
	UnitID, UserID string
	Rows           []AnalyticsRow
	Total          domain.Figures
}

// TaskAnalytics is the one place the processing-time figures are computed
// (the console and the CLI show them as they come): tasks assigned and
// completed in the period, on time or late as domain.Classify judges them,
// days to complete, and the open tasks now.
//
// Unit figures are read by the staff of the units' agency; a person's by
// that person and by leaders at or above the unit (domain.Place). A caller
// who may not see every person asked for gets their own figures only, or
// 403 when they named a colleague.
func (a *App) TaskAnalytics(ctx context.Context, in AnalyticsInput) (Analytics, error) {
	v, err := viewer(ctx)
	if err != nil {
		return Analytics{}, err
	}
	var val apperr.Validator
	date := func(field, s string) domain.Date {
		if s == "" {
			val.Add(field, "is required (YYYY-MM-DD)")
			return domain.Date{}
		}
		d, err := domain.ParseDate(s)
		if err != nil {
			val.Add(field, err.Error())
		}
		return d
	}
	out := Analytics{From: date("from", in.From), To: date("to", in.To), UnitID: in.UnitID, UserID: in.UserID}
	if !out.From.IsZero() && !out.To.IsZero() {
		val.Check(!out.To.Before(out.From), "to", "must not be before from")
	}
	if out.Group, err = domain.ParseGroup(in.Group); err != nil {
		val.Add("group", err.Error())
	}
	val.Check(in.UserID == "" || out.Group == domain.GroupPerson, "user_id", "needs group=person")
	if err := val.Err(); err != nil {
		return Analytics{}, err
	}
	if v.AgencyID == "" {
		return Analytics{}, apperr.Forbidden("the analytics are read by an agency's staff")
	}
	q := AnalyticsQuery{Root: in.UnitID, Agency: v.AgencyID, Persons: out.Group == domain.GroupPerson,
		From: out.From.Start(), To: out.To.End(), OpenTasks: in.OpenTasks}
	switch {
	case q.Root != "":
	case in.UserID != "" && in.UserID != v.UserID:
		// A colleague's figures: in their unit, whose head may read them.
		p, ok, err := a.userOf(ctx, in.UserID)
		if err != nil {
			return Analytics{}, err
		}
		if !ok {
			return Analytics{}, apperr.NotFound("user")
		}
		q.Root = p.UnitID
	case q.Persons && v.IsLeader() && in.UserID == "":
		q.Root = v.UnitID // the people under the leader
	default:
		q.Root = v.AgencyID
	}
	place, err := a.placeOfUnit(ctx, v, q.Root)
	if err != nil {
		return Analytics{}, err
	}
	if !place.MaySeeUnitFigures(v) {
		return Analytics{}, apperr.Forbidden("a unit's figures are read by its agency's staff")
	}
	if q.Persons {
		switch {
		case in.UserID != "" && place.MaySeePersonFigures(v, in.UserID):
			q.UserID = in.UserID
		case in.UserID != "":
			return Analytics{}, apperr.Forbidden("a person's figures are read by that person and their unit's head")
		case !place.MaySeePersonFigures(v, ""):
			q.UserID = v.UserID // their own only
		}
	}
	data, err := a.progress.TaskAnalytics(ctx, q)
	if err != nil {
		return Analytics{}, err
	}
	now := a.now()
	out.Now, out.Today = now, domain.DateOf(now)
	out.WeekEnd = domain.WeekEnd(out.Today)
	rows := map[[2]string]*AnalyticsRow{}
	row := func(unit, user string) *AnalyticsRow {
		if !q.Persons {
			user = ""
		}
		k := [2]string{unit, user}
		r := rows[k]
		if r == nil {
			r = &AnalyticsRow{UnitID: unit, UserID: user}
			rows[k] = r
		}
		return r
	}
	for _, c := range data.Assigned {
		row(c.UnitID, c.UserID).AddAssigned(c.Status, c.N)
	}
	for _, t := range data.Completed {
		row(t.AssigneeUnitID, t.AssigneeUserID).AddCompleted(t, now)
	}
	for _, t := range data.Open {
		row(t.AssigneeUnitID, t.AssigneeUserID).AddOpen(t, now, out.WeekEnd, in.OpenTasks)
	}
	for _, c := range data.OpenCounts {
		row(c.UnitID, c.UserID).AddOpenCount(c.Status, c.DueDate, c.N, now, out.WeekEnd)
	}
	for _, r := range rows {
		r.Sort()
		out.Total.Merge(r.Figures)
		a.nameRow(ctx, r)
		out.Rows = append(out.Rows, *r)
	}
	out.Total.Sort()
	slices.SortFunc(out.Rows, func(x, y AnalyticsRow) int {
		return cmp.Or(cmp.Compare(x.UnitName, y.UnitName), cmp.Compare(x.UnitID, y.UnitID),
			cmp.Compare(x.UserName, y.UserName), cmp.Compare(x.UserID, y.UserID))
	})
	return out, nil
}

// placeOfUnit is where unit sits for the figures' rules: its agency and
// its chain up to the agency. An unknown unit is a 404.
func (a *App) placeOfUnit(ctx context.Context, v domain.Viewer, unit string) (domain.Place, error) {
	agency, ok := v.KnownAgency(unit)
	if !ok {
		u, found, err := a.unitOf(ctx, unit)
		if err != nil {
			return domain.Place{}, err
		}
		if !found {
			return domain.Place{}, apperr.NotFound("unit")
		}
		agency = u.AgencyID
	}
	chain, err := a.tasks.AssigneeChain(ctx, unit, agency)
	if err != nil {
		return domain.Place{}, err
	}
	return domain.Place{AssigneeAgency: agency, AssigneeChain: chain}, nil
}

// nameRow fills the unit's and the person's names from the directory; a
// name it cannot tell now stays "" (the figures do not wait for it).
func (a *App) nameRow(ctx context.Context, r *AnalyticsRow) {
	if u, ok, err := a.unitOf(ctx, r.UnitID); err == nil && ok {
		r.UnitName = u.Name
	}
	if r.UserID != "" {
		if p, ok, err := a.userOf(ctx, r.UserID); err == nil && ok {
			r.UserName = p.FullName
		}
	}
}
