package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// receiptStep changes the caller's agency's receipt of a document inside
// the transaction and says what to record and publish.
type receiptStep func(ctx context.Context, tx *pkgstore.Tx, d domain.Document, r *domain.Receipt) (domain.HistoryEntry, []envelope.Event, error)

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
func (s *service) updateReceipt(ctx context.Context, a domain.Actor, id string, apply receiptStep) (DocumentView, error) {
	d, err := s.ownReceipt(ctx, a, id)
	if err != nil {
		return DocumentView{}, err
	}
	err = s.db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error {
		d, err := s.st.DocumentForUpdate(ctx, tx, id) // revocation queues behind us
		if err != nil {
			return err
		}
		r, err := s.st.ReceiptForUpdate(ctx, tx, id, a.AgencyID)
		if errors.Is(err, store.ErrNotFound) {
			return domain.ErrDocumentNotFound()
		}
		if err != nil {
			return err
		}
		from := r.Status
		h, evs, err := apply(ctx, tx, d, &r)
		if err != nil {
			return err
		}
		h.TraceID = traceID(ctx)
		if err := s.st.UpdateReceipt(ctx, tx, r, from); err != nil {
			return err
		}
		if err := s.st.AddHistory(ctx, tx, h); err != nil {
			return err
		}
		return s.outbox.Add(ctx, tx, evs...)
	})
	if err != nil {
		return DocumentView{}, err
	}
	return s.view(ctx, a, d)
}
