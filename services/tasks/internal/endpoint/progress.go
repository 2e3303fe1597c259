package endpoint

import (
	"context"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/followup"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// PlanProgressRequest names a plan document.
type PlanProgressRequest struct{ PlanDocumentID string }

// UnitStatsRequest is the query of GET /v1/stats/units.
type UnitStatsRequest = tasksapi.StatsQuery

// totals is the wire form of counts.
func totals(n followup.Counts) tasksapi.Totals {
	return tasksapi.Totals{CompletedOnTime: n.CompletedOnTime, CompletedLate: n.CompletedLate,
		OpenWithinDeadline: n.OpenWithinDeadline, OpenOverdue: n.OpenOverdue, AwaitingReview: n.AwaitingReview}
}

func makePlanProgress(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		p, err := s.PlanProgress(ctx, request.(PlanProgressRequest).PlanDocumentID)
		if err != nil {
			return nil, err
		}
		out := tasksapi.PlanProgress{PlanDocumentID: p.PlanDocumentID, Items: make([]tasksapi.ItemProgress, 0, len(p.Items)),
			Totals: totals(p.Totals.Counts), ByRole: map[string]tasksapi.Totals{}, OverdueReports: p.OverdueReports}
		for role, n := range p.Totals.ByRole {
			out.ByRole[role] = totals(n)
		}
		for _, it := range p.Items {
			out.Items = append(out.Items, tasksapi.ItemProgress{PlanItemID: it.PlanItemID, Title: it.Title, LeadUnitID: it.LeadUnitID,
				CooperatingUnitIDs: it.CooperatingIDs, Status: string(it.Status), ProgressPercent: it.ProgressPercent,
				DueDate: it.DueDate.String(), Class: string(it.Class), Reports: unitReports(it.Reports), OverdueReports: it.OverdueReports})
		}
		return out, nil
	}
}

func unitReports(rs []app.UnitReport) []tasksapi.UnitReport {
	out := make([]tasksapi.UnitReport, 0, len(rs))
	for _, r := range rs {
		out = append(out, tasksapi.UnitReport{ReportRequest: requestJSON(r.RequestView), TaskID: r.TaskID, UnitID: r.UnitID, Role: string(r.Role)})
	}
	return out
}

func makeUnitStats(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(UnitStatsRequest)
		stats, err := s.UnitStats(ctx, req.From, req.To, req.By)
		if err != nil {
			return nil, err
		}
		by := req.By
		if by == "" {
			by = string(app.StatsByDue)
		}
		out := tasksapi.UnitStats{From: req.From, To: req.To, By: by, Items: make([]tasksapi.UnitStat, 0, len(stats))}
		for _, u := range stats {
			out.Items = append(out.Items, tasksapi.UnitStat{UnitID: u.UnitID, OnTimeRate: u.OnTimeRate, Totals: totals(u.Counts)})
		}
		return out, nil
	}
}
