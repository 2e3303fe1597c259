package identityapi

import (
	"encoding/json"
	"sort"
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
	"Client":                RegisteredClient{},
	"UpdateClientRequest":   ClientPatch{},
	"KeyRotation":           KeyRotation{},
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

// TestEverySchemaChecked: an object schema added to openapi.json without a
// type in wireTypes would escape the check above.
func TestEverySchemaChecked(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Type       string            `json:"type"`
				Properties map[string]any    `json:"properties"`
				AllOf      []json.RawMessage `json:"allOf"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}
	var missing []string
	for name, s := range doc.Components.Schemas {
		object := s.Type == "object" || len(s.Properties) > 0 || len(s.AllOf) > 0
		if _, ok := wireTypes[name]; object && !ok {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("object schemas with no Go type in wireTypes: %v", missing)
	}
}
