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

// DocumentRouted tells whoever a routing step passed a document to, and
// those it is sent to for information.
func (h *Handlers) DocumentRouted(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.DocumentRouted
	if err := decode(ev, &m); err != nil {
		return err
	}
	if m.GetDocumentId() == "" || m.GetKind() == "" {
		return messaging.Permanent(errors.New("document.routed without document id or kind"))
	}
	return h.notifier.DocumentRouted(ctx, h.bind(tx), of(ev), app.DocumentRouted{
		DocumentID: m.GetDocumentId(), Kind: m.GetKind(), FromUserID: m.GetFromUserId(), FromName: m.GetFromName(),
		ToUserIDs: m.GetToUserIds(), ToUnitIDs: m.GetToUnitIds(), InformedUserIDs: m.GetInformedUserIds(),
		InformedUnitIDs: m.GetInformedUnitIds(), Note: m.GetNote(), Notation: m.GetNotation(), Summary: m.GetSummary(),
		DueDate: m.GetDueDate(), Urgency: m.GetUrgency(), Confidentiality: m.GetConfidentiality(),
	})
}
