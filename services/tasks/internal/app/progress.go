package app

import (
	"context"
	"sort"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/followup"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// PlanItemProgress is one plan item as its lead task stands.
type PlanItemProgress struct {
	PlanItemID      string
	Title           string
	LeadUnitID      string
	CooperatingIDs  []string
	Status          domain.Status
	ProgressPercent int
	DueDate         domain.Date
	Class           domain.Class
	// Reports are each unit's periodic reports of the item (lead first),
	// OverdueReports the missing ones past their due date.
	Reports        []UnitReport
	OverdueReports int
}

// UnitReport is one unit's report request of one period.
type UnitReport struct {
	RequestView
	UnitID string
	Role   domain.Role
}

// PlanProgress is a plan's items and the totals of its own tasks (lead and
// cooperating, split by role beside them; delegated children and cancelled
// tasks do not count: followup.Totals, the definition the consolidated
// report shares).
type PlanProgress struct {
	PlanDocumentID string
	Items          []PlanItemProgress
	Totals         followup.Totals
	OverdueReports int
}

// PlanProgress answers staff of the plan's issuing agency; to anyone else
// (and for a plan without tasks) it does not exist.
func (a *App) PlanProgress(ctx context.Context, planID string) (PlanProgress, error) {
	v, err := viewer(ctx)
	if err != nil {
		return PlanProgress{}, err
	}
	tasks, err := a.progress.PlanTasks(ctx, planID)
	if err != nil {
		return PlanProgress{}, err
	}
	if len(tasks) == 0 || v.AgencyID == "" {
		return PlanProgress{}, apperr.NotFound("plan")
	}
	issuer, err := a.agencyOf(ctx, v, tasks[0].AssignerUnitID)
	if err != nil {
		return PlanProgress{}, err
	}
	if issuer != v.AgencyID {
		return PlanProgress{}, apperr.NotFound("plan")
	}
	now := a.now()
	ids := make([]string, 0, len(tasks))
	for _, t := range tasks {
		ids = append(ids, t.ID)
	}
	reqs, err := a.requests.ReportRequests(ctx, ids...)
	if err != nil {
		return PlanProgress{}, err
	}
	out := PlanProgress{PlanDocumentID: planID, Items: []PlanItemProgress{}, Totals: followup.NewTotals()}
	index := map[string]int{}
	for _, t := range tasks {
		c, counted := t.ClassAt(now)
		out.Totals.Add(followup.Member{Role: string(t.Role), ParentTaskID: t.ParentTaskID, Class: string(c), Counted: counted})
		i, ok := index[t.PlanItemID]
		if !ok {
			i = len(out.Items)
			index[t.PlanItemID] = i
			out.Items = append(out.Items, PlanItemProgress{PlanItemID: t.PlanItemID, Title: t.Title, CooperatingIDs: []string{}})
		}
		it := &out.Items[i]
		if t.Role == domain.RoleLead {
			it.LeadUnitID, it.Status, it.ProgressPercent, it.DueDate, it.Class = t.AssigneeUnitID, t.Status, t.ProgressPercent, t.DueDate, c
		} else {
			it.CooperatingIDs = append(it.CooperatingIDs, t.AssigneeUnitID)
		}
		if t.ParentTaskID != "" || !domain.Counted(t.Status) {
			continue
		}
		views, overdue := requestViews(t, reqs[t.ID], now)
		for _, v := range views {
			it.Reports = append(it.Reports, UnitReport{RequestView: v, UnitID: t.AssigneeUnitID, Role: t.Role})
		}
		it.OverdueReports += overdue
		out.OverdueReports += overdue
	}
	for i := range out.Items {
		rs := out.Items[i].Reports
		sort.SliceStable(rs, func(a, b int) bool {
			if rs[a].PeriodStart != rs[b].PeriodStart {
				return rs[a].PeriodStart.Before(rs[b].PeriodStart)
			}
			return rs[a].Role == domain.RoleLead && rs[b].Role != domain.RoleLead
		})
	}
	return out, nil
}
