// Package consumer applies the events the documents service consumes to its
// read models.
package consumer

import (
	"maps"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
)

// Group is the consumer group of the documents service.
const Group = "documents"

// Topics the documents service consumes.
var Topics = []string{events.TopicIdentity, events.TopicTasks, events.TopicExchange}

// Handlers maps the consumed event types to their handlers. Identity's
// unit.* and user.* events keep the shared identity read model
// (pkg/identityview): the unit directory and a signer's position; the
// tasks service's events go to the task read model, views, which writes
// through bind: the store bound to the transaction each event is taken in
// (main hands it in, so that the consumer never names the store).
// Exchange's exchange.document_received queues the package's intake in the
// same way (app.QueuePackage; IntakeWorker makes the document).
func Handlers(views *app.TaskViews, bind func(*store.Tx) app.TaskWrites) map[string]messaging.Handler {
	hs := identityview.Handlers()
	maps.Copy(hs, (&tasks{views: views, bind: bind}).handlers())
	hs[events.ExchangeDocumentReceived] = exchangeReceived(bind)
	return hs
}
