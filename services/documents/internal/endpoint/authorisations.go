package endpoint

import (
	"context"
	"net/http"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// GrantRequest is POST /v1/authorisations: the body and the
// Idempotency-Key header.
type GrantRequest struct {
	Body           documentsapi.NewAuthorisation
	IdempotencyKey string
}

// SigningRulesRequest is GET or PUT /v1/agencies/{id}/signing-rules (Body
// only for PUT).
type SigningRulesRequest struct {
	AgencyID string
	Body     documentsapi.SigningRules
}

// AuthorisationResponse answers with one authorisation.
type AuthorisationResponse struct {
	documentsapi.Authorisation
	Err    error `json:"-"`
	status int
}

func (r AuthorisationResponse) Failed() error { return r.Err }

func (r AuthorisationResponse) StatusCode() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

// AuthorisationsResponse lists authorisations.
type AuthorisationsResponse struct {
	documentsapi.Authorisations
	Err error `json:"-"`
}

func (r AuthorisationsResponse) Failed() error { return r.Err }

// SigningRulesResponse answers with an agency's signing rules.
type SigningRulesResponse struct {
	documentsapi.SigningRules
	Err error `json:"-"`
}

func (r SigningRulesResponse) Failed() error { return r.Err }

func authorisationOf(v app.AuthorisationView) documentsapi.Authorisation {
	au := v.Authorisation
	out := documentsapi.Authorisation{ID: au.ID, AgencyID: au.AgencyID, GrantorID: au.Grantor.UserID,
		GrantorName: au.Grantor.FullName, GranteeID: au.Grantee.UserID, GranteeName: au.Grantee.FullName,
		From: au.From, To: au.To, Kinds: kindNames(au.Kinds), Scope: au.Scope, Note: au.Note,
		CreatedAt: au.CreatedAt, RevokedAt: au.RevokedAt, RevokedBy: au.RevokedBy, InForce: v.InForce}
	return out
}

func kindNames(ks []domain.Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func makeGrant(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(GrantRequest)
		b := req.Body
		v, err := s.GrantAuthorisation(ctx, app.GrantInput{IdempotencyKey: req.IdempotencyKey,
			Authorisation: domain.AuthorisationInput{GranteeID: b.GranteeID, From: b.From, To: b.To,
				Kinds: b.Kinds, Scope: b.Scope, Note: b.Note}})
		if err != nil {
			return AuthorisationResponse{Err: err}, nil
		}
		return AuthorisationResponse{Authorisation: authorisationOf(v), status: http.StatusCreated}, nil
	}
}

func makeListAuthorisations(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, _ any) (any, error) {
		vs, err := s.ListAuthorisations(ctx)
		if err != nil {
			return AuthorisationsResponse{Err: err}, nil
		}
		out := AuthorisationsResponse{Authorisations: documentsapi.Authorisations{Items: make([]documentsapi.Authorisation, len(vs))}}
		for i, v := range vs {
			out.Items[i] = authorisationOf(v)
		}
		return out, nil
	}
}

func makeRevokeAuthorisation(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		v, err := s.RevokeAuthorisation(ctx, request.(IDRequest).ID)
		if err != nil {
			return AuthorisationResponse{Err: err}, nil
		}
		return AuthorisationResponse{Authorisation: authorisationOf(v)}, nil
	}
}

func rulesOf(r domain.SigningRules, err error) (any, error) {
	if err != nil {
		return SigningRulesResponse{Err: err}, nil
	}
	return SigningRulesResponse{SigningRules: documentsapi.SigningRules{TLKinds: kindNames(r.TLKinds)}}, nil
}

func makeGetSigningRules(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		return rulesOf(s.SigningRules(ctx, request.(SigningRulesRequest).AgencyID))
	}
}

func makeSetSigningRules(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(SigningRulesRequest)
		return rulesOf(s.SetSigningRules(ctx, req.AgencyID, req.Body.TLKinds))
	}
}
