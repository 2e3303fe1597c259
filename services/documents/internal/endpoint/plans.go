package endpoint

import (
	"context"
	"net/http"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Item is a plan item on the wire (API.md).
type Item struct {
	ID                 string     `json:"id,omitempty"`
	Title              string     `json:"title"`
	Description        string     `json:"description,omitempty"`
	LeadUnitID         string     `json:"lead_unit_id"`
	CooperatingUnitIDs []string   `json:"cooperating_unit_ids"`
	DueDate            string     `json:"due_date"`
	ReportCadence      string     `json:"report_cadence,omitempty"`
	Indicator          *Indicator `json:"indicator,omitempty"`
}

// Indicator is an item's target.
type Indicator struct {
	Name   string `json:"name"`
	Target string `json:"target"`
}

func itemsIn(items []Item) []domain.PlanItem {
	if items == nil {
		return nil
	}
	out := make([]domain.PlanItem, len(items))
	for i, it := range items {
		out[i] = domain.PlanItem{Title: it.Title, Description: it.Description, LeadUnitID: it.LeadUnitID,
			CooperatingUnitIDs: it.CooperatingUnitIDs, DueDate: it.DueDate, ReportCadence: domain.Cadence(it.ReportCadence)}
		if it.Indicator != nil {
			out[i].Indicator = &domain.Indicator{Name: it.Indicator.Name, Target: it.Indicator.Target}
		}
	}
	return out
}

func itemsOut(items []domain.PlanItem) []Item {
	out := make([]Item, len(items))
	for i, it := range items {
		out[i] = Item{ID: it.ID, Title: it.Title, Description: it.Description, LeadUnitID: it.LeadUnitID,
			CooperatingUnitIDs: it.CooperatingUnitIDs, DueDate: it.DueDate, ReportCadence: string(it.ReportCadence)}
		if it.Indicator != nil {
			out[i].Indicator = &Indicator{Name: it.Indicator.Name, Target: it.Indicator.Target}
		}
	}
	return out
}

// ReportRequest asks for a plan's consolidated report.
type ReportRequest struct {
	ID             string
	IdempotencyKey string
}

func makeReport(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ReportRequest)
		v, err := s.ConsolidatedReport(ctx, req.ID, req.IdempotencyKey)
		return respond(v, err, http.StatusCreated), nil
	}
}
