package documentsapi

import (
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/openapicheck"
)

// schemaTypes names the Go type of every object schema of openapi.json.
// Problem is the body every service's transport encodes (pkg/httpx).
var schemaTypes = map[string]any{
	"CreateDocument":    NewDocument{},
	"Patch":             Patch{},
	"Empty":             Empty{},
	"Approve":           Approve{},
	"Reject":            Reject{},
	"Direct":            Direct{},
	"Route":             Route{},
	"Addressee":         Addressee{},
	"RoutingStep":       RoutingStep{},
	"Document":          Document{},
	"DocumentList":      DocumentList{},
	"Person":            Person{},
	"Signer":            Signer{},
	"Receipt":           Receipt{},
	"Direction":         Direction{},
	"PlanItem":          Item{},
	"Indicator":         Indicator{},
	"Attachment":        Attachment{},
	"History":           History{},
	"HistoryEntry":      HistoryEntry{},
	"Problem":           httpx.Problem{},
	"NewAuthorisation":  NewAuthorisation{},
	"Authorisation":     Authorisation{},
	"Authorisations":    Authorisations{},
	"SigningRules":      SigningRules{},
	"NewCopy":           NewCopy{},
	"Copies":            Copies{},
	"PDF":               PDF{},
	"Signature":         Signature{},
	"Signatures":        Signatures{},
	"SigningImage":      SigningImage{},
	"Sender":            Sender{},
	"ExternalSigner":    ExternalSigner{},
	"ExternalRecipient": ExternalRecipient{},
	"NewIncoming":       NewIncoming{},
	"Register":          Register{},
	"RegisterEntry":     RegisterEntry{},
	"Statistics":        Statistics{},
	"Tally":             Tally{},
	"Electronic":        Electronic{},
	"HandlingTime":      HandlingTime{},
}

// TestOpenAPIMatchesTypes: the spec and this package's types declare the
// same fields with the same JSON types, and no object schema goes
// unchecked (openapicheck.Diff reports one with no type).
func TestOpenAPIMatchesTypes(t *testing.T) {
	problems, err := openapicheck.Diff(OpenAPI, schemaTypes)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
