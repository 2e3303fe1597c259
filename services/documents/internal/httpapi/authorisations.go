package httpapi

import (
	"context"
	"net/http"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/services/documents/internal/endpoint"
)

func decodeGrant(_ context.Context, r *http.Request) (any, error) {
	var req endpoint.GrantRequest
	if err := httpx.DecodeJSON(r, &req.Body, 0); err != nil {
		return nil, err
	}
	req.IdempotencyKey = r.Header.Get(idempotency.Header)
	return req, nil
}

func decodeNone(context.Context, *http.Request) (any, error) { return nil, nil }

func decodeRulesID(_ context.Context, r *http.Request) (any, error) {
	return endpoint.SigningRulesRequest{AgencyID: r.PathValue("id")}, nil
}

func decodeSetRules(_ context.Context, r *http.Request) (any, error) {
	req := endpoint.SigningRulesRequest{AgencyID: r.PathValue("id")}
	if err := httpx.DecodeJSON(r, &req.Body, 0); err != nil {
		return nil, err
	}
	return req, nil
}
