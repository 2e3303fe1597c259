package identityapi

import (
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/openapicheck"
)

// wireTypes maps each schema of openapi.json to the Go type that is its
// wire form. The problem body is every service's, declared once in httpx
// (the encoder the transport answers errors with).
var wireTypes = map[string]any{
	"TokenRequest":          TokenRequest{},
	"TokenResponse":         TokenResponse{},
	"RevokeRequest":         RevokeRequest{},
	"JWKSet":                JWKSet{},
	"JWK":                   JWK{},
	"Unit":                  Unit{},
	"UnitDetail":            UnitDetail{},
	"UnitList":              UnitList{},
	"CreateUnitRequest":     NewUnit{},
	"UpdateUnitRequest":     UnitPatch{},
	"User":                  User{},
	"UserList":              UserList{},
	"CreateUserRequest":     NewUser{},
	"UpdateUserRequest":     UserPatch{},
	"ChangePasswordRequest": PasswordChange{},
	"CreateClientRequest":   NewClient{},
	"ClientCreated":         ClientCredentials{},
	"RegisteredClient":      RegisteredClient{},
	"UpdateClientRequest":   ClientPatch{},
	"KeyRotation":           KeyRotation{},
	"NewConsoleSession":     NewConsoleSession{},
	"ConsoleSessionHandle":  ConsoleSessionHandle{},
	"ConsoleSession":        ConsoleSession{},
	"ConsoleSessionsEnded":  ConsoleSessionsEnded{},
	"Problem":               httpx.Problem{},
	"FieldError":            apperr.FieldError{},
}

// TestOpenAPIMatchesTypes: the published document and the types the
// transport decodes and encodes name the same fields with the same JSON
// types, so an integrator's generated client reads what identity sends.
func TestOpenAPIMatchesTypes(t *testing.T) {
	problems, err := openapicheck.Diff(OpenAPI, wireTypes)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
