package endpoint

import (
	"context"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// PlanProgressRequest names a plan document.
type PlanProgressRequest struct{ PlanDocumentID string }

// Totals are the four follow-up classes.
type Totals struct {
	CompletedOnTime    int `json:"completed_on_time"`
	CompletedLate      int `json:"completed_late"`
	OpenWithinDeadline int `json:"open_within_deadline"`
	OpenOverdue        int `json:"open_overdue"`
}

// PlanItemProgress is one item as its lead task stands.
type PlanItemProgress struct {
	PlanItemID         string   `json:"plan_item_id"`
	Title              string   `json:"title"`
	LeadUnitID         string   `json:"lead_unit_id"`
	CooperatingUnitIDs []string `json:"cooperating_unit_ids"`
	Status             string   `json:"status"`
	ProgressPercent    int      `json:"progress_percent"`
	DueDate            string   `json:"due_date"`
	Class              string   `json:"class"`
}

// PlanProgress is GET /v1/plans/{id}/progress.
type PlanProgress struct {
	PlanDocumentID string             `json:"plan_document_id"`
	Items          []PlanItemProgress `json:"items"`
	Totals         Totals             `json:"totals"`
}

// UnitStatsRequest is the query of GET /v1/stats/units.
type UnitStatsRequest struct{ From, To string }

// UnitStat is one assignee unit's scoreboard line.
type UnitStat struct {
	UnitID string `json:"unit_id"`
	Totals
	OnTimeRate *float64 `json:"on_time_rate"`
}

// UnitStats is the scoreboard.
type UnitStats struct {
	From  string     `json:"from,omitempty"`
	To    string     `json:"to,omitempty"`
	Items []UnitStat `json:"items"`
}

func makePlanProgress(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		p, err := s.PlanProgress(ctx, request.(PlanProgressRequest).PlanDocumentID)
		if err != nil {
			return nil, err
		}
		out := PlanProgress{PlanDocumentID: p.PlanDocumentID, Items: make([]PlanItemProgress, 0, len(p.Items)), Totals: Totals{
			CompletedOnTime: p.Totals[domain.ClassCompletedOnTime], CompletedLate: p.Totals[domain.ClassCompletedLate],
			OpenWithinDeadline: p.Totals[domain.ClassOpenWithinDeadline], OpenOverdue: p.Totals[domain.ClassOpenOverdue]}}
		for _, it := range p.Items {
			out.Items = append(out.Items, PlanItemProgress{PlanItemID: it.PlanItemID, Title: it.Title, LeadUnitID: it.LeadUnitID,
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
		out := UnitStats{From: req.From, To: req.To, Items: make([]UnitStat, 0, len(stats))}
		for _, u := range stats {
			out.Items = append(out.Items, UnitStat{UnitID: u.UnitID, OnTimeRate: u.OnTimeRate, Totals: Totals{
				CompletedOnTime: u.CompletedOnTime, CompletedLate: u.CompletedLate,
				OpenWithinDeadline: u.OpenWithinDeadline, OpenOverdue: u.OpenOverdue}})
		}
		return out, nil
	}
}
