// Package apis holds the services' public API clients acting as one
// signed-in user, for the programs that call more than one service (the
// CLI, the demo, the web console). The request and response types live in
// each service's public package (identityapi, documentsapi, tasksapi,
// notificationsapi, exchangeapi); this package only bundles their clients.
package apis

import (
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/exchange/exchangeapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// Clients calls every service as one user; the embedded *client.Client
// keeps the raw calls (Do, Stream, Open) for a route no client offers yet.
type Clients struct {
	*client.Client
	Identity      *identityapi.Client
	Documents     *documentsapi.Client
	Tasks         *tasksapi.Client
	Notifications *notificationsapi.Client
	Exchange      *exchangeapi.Client
}

// New is the clients over c.
func New(c *client.Client) *Clients {
	return &Clients{Client: c, Identity: identityapi.New(c), Documents: documentsapi.New(c),
		Tasks: tasksapi.New(c), Notifications: notificationsapi.New(c), Exchange: exchangeapi.New(c)}
}

// For is the clients at urls with tokens from ts.
func For(urls client.Endpoints, ts client.TokenSource) *Clients {
	return New(client.New(urls, ts))
}
