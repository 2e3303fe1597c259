package endpoint

import (
	"context"
	"net/http"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// DirectRequest is the body of POST /v1/documents/{id}/direct.
type DirectRequest struct {
	ID                 string   `json:"-"`
	LeadUnitID         string   `json:"lead_unit_id"`
	CooperatingUnitIDs []string `json:"cooperating_unit_ids"`
	DueDate            string   `json:"due_date"`
	Note               string   `json:"note"`
}

func makeRegister(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		v, err := s.RegisterDocument(ctx, request.(IDRequest).ID)
		return respond(v, err, http.StatusOK), nil
	}
}

func makeDirect(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(DirectRequest)
		v, err := s.DirectDocument(ctx, req.ID, domain.DirectionInput{LeadUnitID: req.LeadUnitID,
			CooperatingUnitIDs: req.CooperatingUnitIDs, DueDate: req.DueDate, Note: req.Note})
		return respond(v, err, http.StatusOK), nil
	}
}
