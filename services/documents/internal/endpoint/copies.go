package endpoint

import (
	"context"
	"net/http"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// CopyRequest is POST /v1/documents/{id}/copies.
type CopyRequest struct {
	ID             string
	Body           documentsapi.NewCopy
	IdempotencyKey string
}

func makeCopy(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(CopyRequest)
		b := req.Body
		v, err := s.CopyDocument(ctx, req.ID, app.CopyInput{IdempotencyKey: req.IdempotencyKey,
			Copy: domain.CopyInput{Form: b.Form, Recipients: b.Recipients, Note: b.Note, Extract: b.Extract}})
		return respond(v, err, http.StatusCreated), nil
	}
}

// CopiesResponse lists a document's copies.
type CopiesResponse struct {
	documentsapi.Copies
	Err error `json:"-"`
}

func (r CopiesResponse) Failed() error { return r.Err }

func makeCopies(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		cs, err := s.DocumentCopies(ctx, request.(IDRequest).ID)
		if err != nil {
			return CopiesResponse{Err: err}, nil
		}
		out := CopiesResponse{Copies: documentsapi.Copies{Items: make([]documentsapi.Document, len(cs))}}
		for i, c := range cs {
			out.Items[i] = documentOf(c, false)
		}
		return out, nil
	}
}
