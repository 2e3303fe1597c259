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

// DocumentIssued tells the clerks of the recipient agencies.
func (h *Handlers) DocumentIssued(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.DocumentIssued
	if err := decode(ev, &m); err != nil {
		return err
	}
	if m.GetDocumentId() == "" || m.GetIssuerUnitId() == "" {
		return messaging.Permanent(errors.New("document.issued without document or issuer id"))
	}
	return h.notifier.DocumentIssued(ctx, h.bind(tx), of(ev), app.DocumentIssued{
		DocumentID: m.GetDocumentId(), Kind: m.GetKind(), Notation: m.GetNotation(), IssuerUnitID: m.GetIssuerUnitId(),
		RecipientUnitIDs: m.GetRecipientUnitIds(), Urgency: m.GetUrgency(), Confidentiality: m.GetConfidentiality(),
		Summary: m.GetSummary(), DueDate: m.GetDueDate(),
	})
}
