// Package consumer turns consumed events into the service's work: identity
// events keep the recipient directory, task events become notifications.
package consumer

import (
	"maps"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
)

// Consumer groups. The directory has its own group so that a notification
// waiting for the directory to catch up (retrying) never holds up the very
// identity events it waits for: one consumer handles one message at a time.
const (
	GroupDirectory = "notifications"
	GroupTasks     = "notifications-tasks"
	GroupDocuments = "notifications-documents"
	// GroupWebhooks reads every topic, its own included, for the
	// integrations' webhooks.
	GroupWebhooks = "notifications-webhooks"
)

// MaxAttempts of the task and document consumers: their rules wait,
// retrying, for a lagging directory (up to app.DefaultMaxLag), so they get
// more attempts than messaging.DefaultMaxAttempts before a dead letter; the
// retry budget, messaging.DefaultRetryBudget, still bounds them.
const MaxAttempts = 20

// Handlers are the service's event handlers: each decodes its event and
// calls the app layer, the notifier (people) or the deliveries (webhooks).
type Handlers struct {
	bind       Bind
	notifier   *app.Notifier
	deliveries *app.Deliveries
}

// Bind gives the store bound to the transaction an event is handled in;
// main hands it in, so that the consumer never names the store.
type Bind func(*store.Tx) app.EventStore

// New returns the handlers over n and d; each hands its use case the
// store bound (by bind) to the transaction the consumer handles the event
// in (which records it as handled), so what the use case writes commits
// with it, once.
func New(bind Bind, n *app.Notifier, d *app.Deliveries) *Handlers {
	return &Handlers{bind: bind, notifier: n, deliveries: d}
}

// Directory are the handlers of events.TopicIdentity for GroupDirectory:
// the shared identity read model's (pkg/identityview) for units, people
// and integration clients, whose webhooks' deliveries follow their scopes,
// agency and state.
func (h *Handlers) Directory() map[string]messaging.Handler {
	hs := identityview.Handlers()
	maps.Copy(hs, identityview.ClientHandlers())
	return hs
}

// Tasks are the handlers of events.TopicTasks for GroupTasks.
func (h *Handlers) Tasks() map[string]messaging.Handler {
	return map[string]messaging.Handler{
		events.TaskAssigned:         h.TaskAssigned,
		events.TaskReportSubmitted:  h.ReportSubmitted,
		events.TaskReportReviewed:   h.ReportReviewed,
		events.TaskExtensionDecided: h.ExtensionDecided,
		events.TaskDueSoon:          h.DueSoon,
		events.TaskOverdue:          h.Overdue,
		events.TaskEscalated:        h.Escalated,
		events.TaskWeeklyDigest:     h.WeeklyDigest,
		events.TaskCancelled:        h.TaskCancelled,
		events.TaskReportDue:        h.ReportDue,
	}
}

// Documents are the handlers of events.TopicDocuments for GroupDocuments.
func (h *Handlers) Documents() map[string]messaging.Handler {
	return map[string]messaging.Handler{
		events.DocumentIssued:       h.DocumentIssued,
		events.DocumentReceived:     h.DocumentReceived,
		events.DocumentRouted:       h.DocumentRouted,
		events.AuthorisationGranted: h.AuthorisationGranted,
		events.AuthorisationRevoked: h.AuthorisationRevoked,
	}
}
