package exchangeapi_test

import (
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/openapicheck"
	api "github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
)

// schemas maps every object schema of openapi.json to the type the server
// decodes or encodes for it.
var schemas = map[string]any{
	"Problem":          api.Problem{},
	"Organisation":     api.Organisation{},
	"OrganisationList": api.OrganisationList{},
	"ImportResult":     api.ImportResult{},
	"File":             api.File{},
	"Status":           api.Status{},
	"Package":          api.Package{},
	"PackageList":      api.PackageList{},
	"Received":         api.Received{},
}

// TestOpenAPIMatchesTypes holds the document integrators read to the
// types the server speaks, field by field.
func TestOpenAPIMatchesTypes(t *testing.T) {
	problems, err := openapicheck.Diff(api.OpenAPI, schemas)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
