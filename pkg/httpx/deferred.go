package httpx

import (
	"context"
	"net/http"

	"github.com/go-kit/kit/endpoint"
	kithttp "github.com/go-kit/kit/transport/http"
)

// Undecodable is the request a deferred decoder passes on when it could not
// decode one. Failing inside the endpoint rather than in the decoder lets
// the authentication middleware answer first: a caller without a valid
// token gets 401, never feedback on its body.
type Undecodable struct{ Err error }

// Deferred wraps a go-kit request decoder so that its error travels to the
// endpoint as Undecodable instead of being answered at once.
func Deferred(dec kithttp.DecodeRequestFunc) kithttp.DecodeRequestFunc {
	return func(ctx context.Context, r *http.Request) (any, error) {
		req, err := dec(ctx, r)
		if err != nil {
			return Undecodable{Err: err}, nil
		}
		return req, nil
	}
}

// RejectUndecodable answers an Undecodable request with its error; svc
// applies it inside the authentication middleware of every endpoint.
func RejectUndecodable(next endpoint.Endpoint) endpoint.Endpoint {
	return func(ctx context.Context, req any) (any, error) {
		if u, ok := req.(Undecodable); ok {
			return nil, u.Err
		}
		return next(ctx, req)
	}
}
