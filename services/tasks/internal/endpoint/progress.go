package endpoint

import (
	"context"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// PlanProgressRequest names a plan document.
type PlanProgressRequest struct{ PlanDocumentID string }

// UnitStatsRequest is the query of GET /v1/stats/units.
type UnitStatsRequest = tasksapi.StatsQuery

func makePlanProgress(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		p, err := s.PlanProgress(ctx, request.(PlanProgressRequest).PlanDocumentID)
		if err != nil {
			return nil, err
		}
		out := tasksapi.PlanProgress{PlanDocumentID: p.PlanDocumentID, Items: make([]tasksapi.ItemProgress, 0, len(p.Items)),
			Totals: tasksapi.Totals{
				CompletedOnTime: p.Totals[domain.ClassCompletedOnTime], CompletedLate: p.Totals[domain.ClassCompletedLate],
				OpenWithinDeadline: p.Totals[domain.ClassOpenWithinDeadline], OpenOverdue: p.Totals[domain.ClassOpenOverdue]}}
		for _, it := range p.Items {
			out.Items = append(out.Items, tasksapi.ItemProgress{PlanItemID: it.PlanItemID, Title: it.Title, LeadUnitID: it.LeadUnitID,
				CooperatingUnitIDs: it.CooperatingIDs, Status: string(it.Status), ProgressPercent: it.ProgressPercent,
				DueDate: it.DueDate.String(), Class: string(it.Class)})
		}
		return out, nil
	}
}

func makeUnitStats(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(UnitStatsRequest)
		stats, err := s.UnitStats(ctx, req.From, req.To)
		if err != nil {
			return nil, err
		}
		out := tasksapi.UnitStats{From: req.From, To: req.To, Items: make([]tasksapi.UnitStat, 0, len(stats))}
		for _, u := range stats {
			out.Items = append(out.Items, tasksapi.UnitStat{UnitID: u.UnitID, OnTimeRate: u.OnTimeRate, Totals: tasksapi.Totals{
				CompletedOnTime: u.CompletedOnTime, CompletedLate: u.CompletedLate,
				OpenWithinDeadline: u.OpenWithinDeadline, OpenOverdue: u.OpenOverdue}})
		}
		return out, nil
	}
}
