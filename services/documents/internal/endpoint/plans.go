package endpoint

import (
	"context"
	"net/http"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

func itemsIn(items []documentsapi.Item) []domain.PlanItem {
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

func itemsOut(items []domain.PlanItem) []documentsapi.Item {
	out := make([]documentsapi.Item, len(items))
	for i, it := range items {
		out[i] = documentsapi.Item{ID: it.ID, Title: it.Title, Description: it.Description, LeadUnitID: it.LeadUnitID,
			CooperatingUnitIDs: it.CooperatingUnitIDs, DueDate: it.DueDate, ReportCadence: string(it.ReportCadence)}
		if it.Indicator != nil {
			out[i].Indicator = &documentsapi.Indicator{Name: it.Indicator.Name, Target: it.Indicator.Target}
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
