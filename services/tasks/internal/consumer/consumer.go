// Package consumer turns consumed events into the tasks service's use cases.
// Every handler runs inside the consumer's inbox transaction; an event that
// can never be handled (malformed, invalid) is marked permanent and goes to
// the dead-letter topic, anything else is retried with backoff.
package consumer

import (
	"context"
	"errors"
	"maps"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// Group is the consumer group of the tasks service.
const Group = "tasks"

// Topics are what the group reads. One consumer reads both: a document's
// tasks need no unit of the tree, and handler retries (the only thing that
// could hold one topic up behind the other) are rare.
var Topics = []string{events.TopicIdentity, events.TopicDocuments}

// UseCases are the application's event-driven use cases.
type UseCases interface {
	AssignFromDocument(ctx context.Context, w app.Writes, doc domain.IssuedDocument, eventID string) ([]domain.Task, error)
	FileReplyReports(ctx context.Context, w app.Writes, reply domain.IssuedDocument, eventID string) (int, error)
	AssignFromPlanItem(ctx context.Context, w app.Writes, it domain.PlanItem, eventID string) ([]domain.Task, error)
	AssignFromDirection(ctx context.Context, w app.Writes, d domain.Direction, eventID string) ([]domain.Task, error)
	CancelForDocument(ctx context.Context, w app.Writes, docID, reason, revokedBy, eventID string) (int, error)
	FollowRouting(ctx context.Context, w app.Writes, s domain.RoutingStep, eventID string) (int, error)
}

// Handlers are the message handlers of the tasks service.
type Handlers struct {
	uc   UseCases
	bind func(*store.Tx) app.Writes
}

// New returns the handlers over uc; bind gives the use cases the store's
// write ports in the consumer's inbox transaction, so that an event's
// effects commit with its inbox row (taskstore.Store.In).
func New(uc UseCases, bind func(*store.Tx) app.Writes) Handlers { return Handlers{uc: uc, bind: bind} }

// Map is the handler of each consumed event type; other types on Topics
// are skipped. Identity's unit.* and user.* events keep the shared
// identity read model (pkg/identityview): the unit tree and the people.
func (h Handlers) Map() map[string]messaging.Handler {
	m := map[string]messaging.Handler{
		events.DocumentIssued:   h.DocumentIssued,
		events.PlanItemIssued:   h.PlanItemIssued,
		events.DocumentDirected: h.DocumentDirected,
		events.DocumentRevoked:  h.DocumentRevoked,
		events.DocumentRouted:   h.DocumentRouted,
	}
	maps.Copy(m, identityview.Handlers())
	return m
}

// permanent marks errors that no retry can fix.
func permanent(err error) error {
	if errors.Is(err, apperr.ErrInvalid) || errors.Is(err, envelope.ErrMalformed) {
		return messaging.Permanent(err)
	}
	return err
}
