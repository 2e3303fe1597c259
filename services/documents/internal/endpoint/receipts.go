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
		v, err := s.DirectDocument(ctx, req.ID, domain.DirectionInput{LeadUnitID: b.LeadUnitID, LeadUserID: b.LeadUserID,
			CooperatingUnitIDs: b.CooperatingUnitIDs, CooperatingUserIDs: b.CooperatingUserIDs,
			InformedUnitIDs: b.InformedUnitIDs, InformedUserIDs: b.InformedUserIDs, DueDate: b.DueDate, Note: b.Note})
		return respond(v, err, http.StatusOK), nil
	}
}

// IncomingRequest is POST /v1/documents/incoming: the body and the
// Idempotency-Key header.
type IncomingRequest struct {
	Body           documentsapi.NewIncoming
	IdempotencyKey string
}

func makeIncoming(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(IncomingRequest)
		b := req.Body
		v, err := s.ReceiveDocument(ctx, app.IncomingInput{IdempotencyKey: req.IdempotencyKey, Document: domain.IncomingInput{
			Sender:           domain.Sender{OrganisationCode: b.Sender.OrganisationCode, Name: b.Sender.Name},
			OriginalNotation: b.OriginalNotation, OriginalDate: b.OriginalDate, Kind: b.Kind, Summary: b.Summary,
			Urgency: b.Urgency, Confidentiality: b.Confidentiality, Pages: b.Pages, DueDate: b.DueDate,
		}})
		return respond(v, err, http.StatusCreated), nil
	}
}

func makeRefuse(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(RejectRequest)
		v, err := s.RefuseDocument(ctx, req.ID, req.Body.Reason)
		return respond(v, err, http.StatusOK), nil
	}
}

// RouteRequest is POST /v1/documents/{id}/forward, /propose or /assign.
type RouteRequest struct {
	ID   string
	Body documentsapi.Route
}

func makeRoute(s app.Service, kind domain.StepKind) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(RouteRequest)
		v, err := s.RouteDocument(ctx, req.ID, domain.Pass{Kind: kind, ToUserID: req.Body.ToUserID,
			ToUnitID: req.Body.ToUnitID, Note: req.Body.Note})
		return respond(v, err, http.StatusOK), nil
	}
}

func makeReturn(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(RejectRequest)
		v, err := s.ReturnDocument(ctx, req.ID, req.Body.Reason)
		return respond(v, err, http.StatusOK), nil
	}
}

func makeRead(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		v, err := s.MarkDocumentRead(ctx, request.(IDRequest).ID)
		return respond(v, err, http.StatusOK), nil
	}
}
