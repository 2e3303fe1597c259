package consumer

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
)

// DocumentReceived tells the clerks of the agency a document from outside
// came to.
func (h *Handlers) DocumentReceived(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.DocumentReceived
	if err := decode(ev, &m); err != nil {
		return err
	}
	if m.GetDocumentId() == "" || m.GetRecipientAgencyId() == "" {
		return messaging.Permanent(errors.New("document.received without document or agency id"))
	}
	return h.notifier.DocumentReceived(ctx, h.bind(tx), of(ev), app.DocumentReceived{
		DocumentID: m.GetDocumentId(), RecipientAgencyID: m.GetRecipientAgencyId(), Channel: m.GetChannel(),
		SenderName: m.GetSenderName(), Notation: m.GetOriginalNotation(), Kind: m.GetKind(), Summary: m.GetSummary(),
		Urgency: m.GetUrgency(), Confidentiality: m.GetConfidentiality(),
	})
}
