package endpoint

import (
	"context"
	"net/http"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// PatchRequest is PATCH /v1/documents/{id}.
type PatchRequest struct {
	ID   string
	Body documentsapi.Patch
}

func makeUpdate(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(PatchRequest)
		b := req.Body
		p := app.Patch{Kind: b.Kind, Summary: b.Summary, Body: b.Body, Urgency: b.Urgency,
			Confidentiality: b.Confidentiality, Recipients: b.Recipients, DueDate: b.DueDate,
			ImplementsDocumentID: b.ImplementsDocumentID, InReplyToDocumentID: b.InReplyToDocumentID,
			SigningMark: b.SigningMark, Normative: b.Normative, DraftingUnitID: b.DraftingUnitID,
			ExternalRecipients: b.ExternalRecipients}
		if b.Items != nil {
			items := itemsIn(*b.Items)
			if items == nil {
				items = []domain.PlanItem{}
			}
			p.Items = &items
		}
		v, err := s.UpdateDocument(ctx, req.ID, p)
		return respond(v, err, http.StatusOK), nil
	}
}

func makeRevoke(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(RejectRequest)
		v, err := s.RevokeDocument(ctx, req.ID, req.Body.Reason)
		return respond(v, err, http.StatusOK), nil
	}
}
