package auth

// Scopes an integration client may be granted (identity's fixed list). Each
// is checked by the service that owns the data, so both sides name it here.
const (
	ScopeDocumentsRead = "documents:read"
	ScopeEventsRead    = "events:read"
	ScopeTasksRead     = "tasks:read"
	ScopeUnitsRead     = "units:read"
	ScopeUsersRead     = "users:read"
	ScopeWebhooksWrite = "webhooks:write"
)

// Scopes lists every scope, sorted.
var Scopes = []string{ScopeDocumentsRead, ScopeEventsRead, ScopeTasksRead, ScopeUnitsRead, ScopeUsersRead, ScopeWebhooksWrite}
