package httpapi

import (
	"context"
	"net/http"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
)

// revokeParams are read from a revocation request (RFC 7009 section 2.1);
// token_type_hint is accepted and not needed: only refresh tokens are
// stored.
var revokeParams = []string{"token", "token_type_hint"}

// decodeRevoke reads a form (RFC 7009) or JSON revocation request.
func decodeRevoke(_ context.Context, r *http.Request) (any, error) {
	params, err := tokenParameters(r, revokeParams)
	if err != nil {
		return nil, asInvalidRequest(err)
	}
	return identityapi.RevokeRequest{Token: params["token"], TokenTypeHint: params["token_type_hint"]}, nil
}
