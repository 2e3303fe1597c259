package endpoint

import (
	"context"
	"net/http"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// DirectRequest is POST /v1/documents/{id}/direct.
type DirectRequest struct {
	ID   string
	Body documentsapi.Direct
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
		b := req.Body
		v, err := s.DirectDocument(ctx, req.ID, domain.DirectionInput{LeadUnitID: b.LeadUnitID,
			CooperatingUnitIDs: b.CooperatingUnitIDs, DueDate: b.DueDate, Note: b.Note})
		return respond(v, err, http.StatusOK), nil
	}
}
