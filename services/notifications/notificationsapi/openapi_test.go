package notificationsapi_test

import (
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
