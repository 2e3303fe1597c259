package apis

import (
	"github.com/eoffice-vn/eoffice/pkg/apidoc"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// Documents are the services' own OpenAPI documents, by service name.
func Documents() map[string][]byte {
	return map[string][]byte{
		"identity":      identityapi.OpenAPI,
		"documents":     documentsapi.OpenAPI,
		"tasks":         tasksapi.OpenAPI,
		"notifications": notificationsapi.OpenAPI,
		"exchange":      exchangeapi.OpenAPI,
	}
}

// OpenAPI is the combined description of the whole system
// (apidoc.Combine) served at base, where the ingress exposes the APIs.
func OpenAPI(base string) ([]byte, error) {
	return apidoc.Combine(apidoc.Services, Documents(), base)
}
