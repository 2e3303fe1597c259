package notificationsapi_test

import (
	"encoding/json"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/openapicheck"
	api "github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
)

// schemas maps every object schema of openapi.json to the type the server
// decodes or encodes for it.
var schemas = map[string]any{
	"Problem":             api.Problem{},
	"Notification":        api.Notification{},
	"NotificationList":    api.NotificationList{},
	"UnreadCount":         api.UnreadCount{},
	"WebhookRequest":      api.WebhookRequest{},
	"Webhook":             api.Webhook{},
	"WebhookList":         api.WebhookList{},
	"RotateSecretRequest": api.RotateSecretRequest{},
	"Delivery":            api.Delivery{},
	"DeliveryAttempt":     api.DeliveryAttempt{},
	"DeliveryList":        api.DeliveryList{},
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

// TestEveryObjectSchemaIsChecked: a schema added to the document without
// its type would escape TestOpenAPIMatchesTypes.
func TestEveryObjectSchemaIsChecked(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Type       string            `json:"type"`
				Properties map[string]any    `json:"properties"`
				AllOf      []json.RawMessage `json:"allOf"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(api.OpenAPI, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Components.Schemas) == 0 {
		t.Fatal("openapi.json declares no schemas")
	}
	for name, s := range doc.Components.Schemas {
		object := s.Type == "object" || len(s.Properties) > 0 || len(s.AllOf) > 0
		if _, ok := schemas[name]; object && !ok {
			t.Errorf("schema %s has no Go type in the test's map", name)
		}
	}
}
