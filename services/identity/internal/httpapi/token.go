package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"net/netip"
	"net/url"

	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/endpoint"
)

// maxTokenBody bounds a token request; its parameters are short.
const maxTokenBody = 64 << 10

// tokenParams are the parameters read from a token request; RFC 6749
// (section 3.2) says others are ignored, so clients may send client_id or
// scope without failing.
var tokenParams = []string{"grant_type", "username", "password", "refresh_token", "client_id", "client_secret", "scope"}

// decodeToken reads an application/x-www-form-urlencoded (RFC 6749) or JSON
// token request. Errors carry the RFC 6749 code invalid_request.
func decodeToken(ctx context.Context, r *http.Request) (any, error) {
	params, err := tokenParameters(r, tokenParams)
	if err != nil {
		return nil, asInvalidRequest(err)
	}
	req := endpoint.TokenRequest{TokenRequest: identityapi.TokenRequest{
		GrantType:    params["grant_type"],
		Username:     params["username"],
		Password:     params["password"],
		RefreshToken: params["refresh_token"],
		ClientID:     params["client_id"],
		ClientSecret: params["client_secret"],
		Scope:        params["scope"],
	}, ClientAddr: clientAddr(ctx, r)}
	// RFC 6749 section 2.3.1: clients may authenticate with HTTP Basic
	// instead of body parameters (not both).
	if id, secret, ok := r.BasicAuth(); ok {
		if req.ClientID != "" || req.ClientSecret != "" {
			return nil, asInvalidRequest(apperr.Invalid("client credentials are given twice, in the header and the body"))
		}
		id, err1 := url.QueryUnescape(id)
		secret, err2 := url.QueryUnescape(secret)
		if err1 != nil || err2 != nil {
			return nil, asInvalidRequest(apperr.Invalid("malformed Basic credentials"))
		}
		req.ClientID, req.ClientSecret = id, secret
	}
	return req, nil
}

type trustedProxiesKey struct{}

// TrustedProxies makes the token route take the client address from
// X-Forwarded-For when the direct peer is in trusted (the console or a
// proxy in front: EOFFICE_IDENTITY_TRUSTED_PROXIES); from anyone else the
// header is ignored, since anyone can send it. Without the option only the
// peer address counts.
func TrustedProxies(trusted []netip.Prefix) kithttp.ServerOption {
	return kithttp.ServerBefore(func(ctx context.Context, _ *http.Request) context.Context {
		return context.WithValue(ctx, trustedProxiesKey{}, trusted)
	})
}

// clientAddr is the address login throttling is keyed by.
func clientAddr(ctx context.Context, r *http.Request) string {
	trusted, _ := ctx.Value(trustedProxiesKey{}).([]netip.Prefix)
	return httpx.ClientAddr(r, trusted)
}

func tokenParameters(r *http.Request, names []string) (map[string]string, error) {
	mt := "application/json"
	if ct := r.Header.Get("Content-Type"); ct != "" {
		var err error
		if mt, _, err = mime.ParseMediaType(ct); err != nil {
			mt = ""
		}
	}
	params := map[string]string{}
	switch mt {
	case "application/x-www-form-urlencoded":
		r.Body = http.MaxBytesReader(nil, r.Body, maxTokenBody)
		if err := r.ParseForm(); err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				return nil, &apperr.Error{Kind: apperr.ErrTooLarge, Detail: "the body is too large"}
			}
			return nil, apperr.Invalid("malformed form body")
		}
		for _, name := range names {
			switch vs := r.PostForm[name]; len(vs) {
			case 0:
			case 1:
				params[name] = vs[0]
			default:
				return nil, apperr.Invalid("a parameter is given more than once", apperr.FieldError{Field: name, Message: "given more than once"})
			}
		}
	case "application/json":
		var raw map[string]json.RawMessage
		if err := httpx.DecodeJSON(r, &raw, maxTokenBody); err != nil {
			return nil, err
		}
		for _, name := range names {
			v, ok := raw[name]
			if !ok || string(v) == "null" {
				continue
			}
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, apperr.Invalid("wrong type", apperr.FieldError{Field: name, Message: "must be a string"})
			}
			params[name] = s
		}
	default:
		return nil, apperr.UnsupportedMediaType("Content-Type must be application/x-www-form-urlencoded or application/json")
	}
	return params, nil
}

// asInvalidRequest gives a bad-input error the RFC 6749 code.
func asInvalidRequest(err error) error {
	e, ok := apperr.As(err)
	if !ok || !errors.Is(err, apperr.ErrInvalid) {
		return err
	}
	c := *e
	c.Code = app.CodeInvalidRequest
	return &c
}

// encodeToken forbids caching of tokens (RFC 6749 section 5.1).
func encodeToken(ctx context.Context, w http.ResponseWriter, resp any) error {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	return httpx.EncodeJSON(ctx, w, resp)
}
