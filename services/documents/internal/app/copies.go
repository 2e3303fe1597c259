package app

import (
	"context"
	"fmt"
	"log/slog"
	"slices"

	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// CopyDocument makes a copy (bản sao y, trích sao or sao lục) of a
// document the caller's agency issued or received, numbered from the
// agency's register of the copy's form and released at once to its
// recipients: receipts and document.issued (kind copy, no due date, so
// no task follows), in one transaction with the number.
//
// A copy is a document of kind copy rather than an aggregate of its own:
// it is numbered, released, received, registered, listed and read as any
// issued document, and receipts, history and visibility already hang on
// documents. Its PDF needs the original (CopyOf), the form, the extract
// (for BTS), the copying agency (IssuerUnitID), its notation, IssuedAt
// and IssuedBy, and its recipients.
//
// A repeated Idempotency-Key with the same input returns the first copy
// and takes no second number.
func (s *service) CopyDocument(ctx context.Context, id string, ci CopyInput) (DocumentView, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	in := ci.Copy
	key, err := newKey(ci.IdempotencyKey, a.UserID, "copy:"+id, in)
	if err != nil {
		return DocumentView{}, err
	}
	if v, done, err := s.replayDocument(ctx, a, key); done || err != nil {
		return v, err
	}
	original, err := s.visible(ctx, a, id)
	if err != nil {
		return DocumentView{}, err
	}
	rs, err := s.st.Receipts(ctx, id)
	if err != nil {
		return DocumentView{}, err
	}
	received := slices.ContainsFunc(rs, func(r domain.Receipt) bool { return r.AgencyID == a.AgencyID })
	if err := original.MayCopy(a, received); err != nil {
		return DocumentView{}, err
	}
	if err := in.Validate(); err != nil {
		return DocumentView{}, err
	}
	issuer, err := s.dir.Unit(ctx, p.Token, a.AgencyID)
	if err != nil {
		return DocumentView{}, fmt.Errorf("copying agency: %w", err)
	}
	recipients := make([]domain.Unit, len(in.Recipients))
	for i, rid := range in.Recipients {
		if recipients[i], err = s.dir.unitField(ctx, p.Token, rid, "recipients"); err != nil {
			return DocumentView{}, err
		}
	}
	cid, _, err := s.st.IssueCopy(ctx, key, id, func(ctx context.Context, w Writes, original domain.Document) (NewCopy, error) {
		// Checked again on the locked original: it may have been revoked.
		if err := original.MayCopy(a, received); err != nil {
			return NewCopy{}, err
		}
		now := s.now()
		probe := domain.Document{Kind: domain.KindCopy, CopyForm: domain.CopyForm(in.Form)}
		n, err := w.NextNumber(ctx, a.AgencyID, domain.NumberingYear(now), domain.SeriesFor(probe))
		if err != nil {
			return NewCopy{}, err
		}
		c, h, err := domain.NewCopy(newID(), original, received, in, a, issuer, recipients, n, now)
		if err != nil {
			return NewCopy{}, err
		}
		h.TraceID = traceID(ctx)
		payload := issuedPayload(c)
		payload.PdfAttachmentId = newID()
		evs, err := s.event(ctx, events.DocumentIssued, c, payload)
		if err != nil {
			return NewCopy{}, err
		}
		return NewCopy{Copy: c, Receipts: domain.NewReceipts(c, now), History: h, Events: evs, PDFAt: now,
			PDFAttachmentID: payload.PdfAttachmentId}, nil
	})
	if err != nil {
		return DocumentView{}, err
	}
	if s.signing.Signer != nil && !s.pdfsPaused {
		// The copy's PDF, as for an issued document (afterIssue).
		if _, err := s.producePDF(ctx, p.Token, cid); err != nil {
			slog.WarnContext(ctx, "copy's PDF not made yet; it will be retried", "document_id", cid, "error", err)
		}
	}
	return s.documentView(ctx, a, cid)
}

// CopyInput is a copy and the request's optional Idempotency-Key.
type CopyInput struct {
	Copy           domain.CopyInput
	IdempotencyKey string
}

// DocumentCopies lists the copies of a document the caller may read,
// those of them the caller may see (a copy has its own readers: the
// copying agency's staff and its recipients).
func (s *service) DocumentCopies(ctx context.Context, id string) ([]domain.Document, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.visible(ctx, a, id); err != nil {
		return nil, err
	}
	cs, err := s.st.Copies(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Document, 0, len(cs))
	for _, c := range cs {
		if c.VisibleTo(a) {
			out = append(out, c)
			continue
		}
		if c.Confidentiality.Restricted() {
			rs, err := s.st.Receipts(ctx, c.ID)
			if err != nil {
				return nil, err
			}
			if c.VisibleThrough(a, rs) {
				out = append(out, c)
			}
		}
	}
	return out, nil
}
