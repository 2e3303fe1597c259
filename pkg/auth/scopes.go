package auth

import "github.com/eoffice-vn/eoffice/pkg/events"

// Scopes an integration client may be granted (identity's fixed list). Each
// is checked by the service that owns the data, so both sides name it here.
const (
	// ScopeConsoleSessions lets the web console's own client (and no
	// other: identity also checks the client id) keep its users' sessions.
	ScopeConsoleSessions = "console:sessions"
	ScopeDocumentsRead   = "documents:read"
	ScopeEventsRead      = "events:read"
	// The exchange service's packages and directory; exchange:write also
	// lets a client (a provincial gateway) post edXML packages.
	ScopeExchangeRead  = "exchange:read"
	ScopeExchangeWrite = "exchange:write"
	ScopeTasksRead     = "tasks:read"
	ScopeUnitsRead     = "units:read"
	ScopeUsersRead     = "users:read"
	ScopeWebhooksWrite = "webhooks:write"
)

// Scopes lists every scope, sorted.
var Scopes = []string{ScopeDocumentsRead, ScopeEventsRead, ScopeExchangeRead, ScopeExchangeWrite, ScopeTasksRead, ScopeUnitsRead, ScopeUsersRead, ScopeWebhooksWrite}

// ServiceScopes are granted only to the deployment's own service clients
// (identity's settings), never offered to an integration client.
var ServiceScopes = []string{ScopeConsoleSessions}

// NoClient marks a route or an event type that no integration client may
// use, whatever its scopes: administration and a person's own business.
const NoClient = ""

// eventScopes is the scope a client needs to receive each event type by
// webhook; it is the scope of the routes that read the same data. An event
// type missing here (or mapped to NoClient) goes to administrators' webhooks
// only. A webhook's owner also needs webhooks:write to register it.
var eventScopes = map[string]string{
	events.UnitCreated: ScopeUnitsRead,
	events.UnitUpdated: ScopeUnitsRead,

	events.UserCreated:     ScopeUsersRead,
	events.UserUpdated:     ScopeUsersRead,
	events.UserDeactivated: ScopeUsersRead,

	// Which clients exist and what they may do is administration.
	events.ClientCreated:     NoClient,
	events.ClientUpdated:     NoClient,
	events.ClientDeactivated: NoClient,

	events.DocumentSubmitted:  ScopeDocumentsRead,
	events.DocumentApproved:   ScopeDocumentsRead,
	events.DocumentRejected:   ScopeDocumentsRead,
	events.DocumentIssued:     ScopeDocumentsRead,
	events.DocumentPdfReady:   ScopeDocumentsRead,
	events.PlanItemIssued:     ScopeDocumentsRead,
	events.DocumentRegistered: ScopeDocumentsRead,
	events.DocumentDirected:   ScopeDocumentsRead,
	events.DocumentRevoked:    ScopeDocumentsRead,
	// Who signs for whom: documents signed under an authorisation name it.
	events.AuthorisationGranted: ScopeDocumentsRead,
	events.AuthorisationRevoked: ScopeDocumentsRead,
	events.DocumentReceived:     ScopeDocumentsRead,
	events.DocumentRefused:      ScopeDocumentsRead,
	events.DocumentHandling:     ScopeDocumentsRead,
	events.DocumentCompleted:    ScopeDocumentsRead,
	events.DocumentRouted:       ScopeDocumentsRead,

	events.TaskAssigned:           ScopeTasksRead,
	events.TaskAccepted:           ScopeTasksRead,
	events.TaskDelegated:          ScopeTasksRead,
	events.TaskReportSubmitted:    ScopeTasksRead,
	events.TaskReportReviewed:     ScopeTasksRead,
	events.TaskCompleted:          ScopeTasksRead,
	events.TaskExtensionRequested: ScopeTasksRead,
	events.TaskExtensionDecided:   ScopeTasksRead,
	events.TaskDueSoon:            ScopeTasksRead,
	events.TaskOverdue:            ScopeTasksRead,
	events.TaskEscalated:          ScopeTasksRead,
	events.TaskWeeklyDigest:       ScopeTasksRead,
	events.TaskReportRequested:    ScopeTasksRead,
	events.TaskReportDue:          ScopeTasksRead,
	events.TaskCancelled:          ScopeTasksRead,

	// The notification service's own records: who was e-mailed about what.
	events.EmailSent:   ScopeEventsRead,
	events.EmailFailed: ScopeEventsRead,
	// A client hears only of its own webhooks' failures (notifications
	// checks the owner as well).
	events.WebhookFailed: ScopeWebhooksWrite,

	events.ExchangeDocumentReceived: ScopeExchangeRead,
	events.ExchangePackageRefused:   ScopeExchangeRead,
	events.ExchangePackageSent:      ScopeExchangeRead,
	events.ExchangeStatusReceived:   ScopeExchangeRead,
}

// EventScope returns the scope a client needs to receive an event type;
// ok is false when no client may receive it.
func EventScope(eventType string) (scope string, ok bool) {
	s := eventScopes[eventType]
	return s, s != NoClient
}
