package endpoint

import (
	"context"
	"net/http"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// PatchRequest is the body of PATCH /v1/documents/{id}: absent fields keep
// their value.
type PatchRequest struct {
	ID                   string    `json:"-"`
	Kind                 *string   `json:"kind"`
	Summary              *string   `json:"summary"`
	Body                 *string   `json:"body"`
	Urgency              *string   `json:"urgency"`
	Confidentiality      *string   `json:"confidentiality"`
	Recipients           *[]string `json:"recipients"`
	DueDate              *string   `json:"due_date"`
	ImplementsDocumentID *string   `json:"implements_document_id"`
	InReplyToDocumentID  *string   `json:"in_reply_to_document_id"`
	Items                *[]Item   `json:"items"`
}

func makeUpdate(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(PatchRequest)
		p := app.Patch{Kind: req.Kind, Summary: req.Summary, Body: req.Body, Urgency: req.Urgency,
			Confidentiality: req.Confidentiality, Recipients: req.Recipients, DueDate: req.DueDate,
			ImplementsDocumentID: req.ImplementsDocumentID, InReplyToDocumentID: req.InReplyToDocumentID}
		if req.Items != nil {
			items := itemsIn(*req.Items)
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
		v, err := s.RevokeDocument(ctx, req.ID, req.Reason)
		return respond(v, err, http.StatusOK), nil
	}
}
