package identityapi

import (
	"net/url"
	"reflect"
	"strings"
)

// TokenRequest is the body of POST /v1/token (RFC 6749), sent as a form or
// as JSON; each grant uses some of the fields.
type TokenRequest struct {
	GrantType    string `json:"grant_type"` // password, refresh_token or client_credentials
	Username     string `json:"username,omitempty"`
	Password     string `json:"password,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`
	// ClientID and ClientSecret may come in HTTP Basic instead.
	ClientID     string `json:"client_id,omitempty"`
	ClientSecret string `json:"client_secret,omitempty"`
	Scope        string `json:"scope,omitempty"` // space-separated subset of the client's scopes
}

// Form is r as an application/x-www-form-urlencoded body, without the
// fields it leaves empty.
func (r TokenRequest) Form() url.Values {
	return form(r)
}

// TokenResponse is RFC 6749's successful answer of POST /v1/token.
type TokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token,omitempty"`
}

// RevokeRequest is the body of POST /v1/token/revoke (RFC 7009), a form or
// JSON. Only refresh tokens are stored, so the hint changes nothing.
type RevokeRequest struct {
	Token         string `json:"token"`
	TokenTypeHint string `json:"token_type_hint,omitempty"`
}

// Form is r as an application/x-www-form-urlencoded body.
func (r RevokeRequest) Form() url.Values {
	return form(r)
}

// RevokeResponse is the empty answer of POST /v1/token/revoke: RFC 7009
// answers 200 whether or not the token was known.
type RevokeResponse struct{}

// form reads the parameter names from the JSON tags, so that a form and a
// JSON body of the same request cannot name a field differently.
func form(req any) url.Values {
	v := url.Values{}
	rv := reflect.ValueOf(req)
	for i := 0; i < rv.NumField(); i++ {
		name, _, _ := strings.Cut(rv.Type().Field(i).Tag.Get("json"), ",")
		if s := rv.Field(i).String(); s != "" {
			v.Set(name, s)
		}
	}
	return v
}
