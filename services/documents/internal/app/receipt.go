package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// ownReceipt finds the receipt the caller's agency holds: 404 when the
// caller may not see the document, 403 for the issuing agency's own staff
// (its divisions receive it internally, with no receipt).
func (s *service) ownReceipt(ctx context.Context, a domain.Actor, id string) (domain.Document, error) {
	d, err := s.visible(ctx, a, id)
	if err != nil {
		return d, err
	}
	if d.IsIssuerStaff(a) {
		return d, apperr.Forbidden("the issuing agency's divisions receive its documents internally, without a receipt")
	}
	return d, nil
}

// updateReceipt runs a step on the caller's agency's receipt: receipt,
// history and events commit together.
func (s *service) updateReceipt(ctx context.Context, a domain.Actor, id string, apply ReceiptStep) (DocumentView, error) {
	d, err := s.ownReceipt(ctx, a, id)
	if err != nil {
		return DocumentView{}, err
	}
	err = s.st.UpdateReceipt(ctx, id, a.AgencyID, func(ctx context.Context, w Writes, d domain.Document, r *domain.Receipt) (domain.HistoryEntry, []envelope.Event, error) {
		h, evs, err := apply(ctx, w, d, r)
		h.TraceID = traceID(ctx)
		return h, evs, err
	})
	if errors.Is(err, domain.ErrNotFound) {
		return DocumentView{}, domain.ErrDocumentNotFound()
	}
	if err != nil {
		return DocumentView{}, err
	}
	return s.view(ctx, a, d)
}
