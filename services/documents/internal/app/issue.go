package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// IssueDocument numbers an approved document from its agency's register
// and releases it: receipts for the recipient agencies and document.issued,
// all in one transaction.
func (s *service) IssueDocument(ctx context.Context, id string) (DocumentView, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	// Refuse early, before asking identity anything for a caller who may
	// not issue; the check is repeated on the locked row below.
	d, err := s.st.Document(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return DocumentView{}, domain.ErrDocumentNotFound()
	}
	if err != nil {
		return DocumentView{}, err
	}
	if err := d.Check(a, domain.ActionIssue); err != nil {
		return DocumentView{}, err
	}
	issuer, err := s.dir.Unit(ctx, p.Token, d.IssuerUnitID)
	if err != nil {
		return DocumentView{}, fmt.Errorf("issuing agency: %w", err)
	}
	drafting, err := s.dir.Unit(ctx, p.Token, d.DraftingUnitID)
	if err != nil {
		return DocumentView{}, fmt.Errorf("drafting unit: %w", err)
	}
	// A Công văn with no drafting division has no notation: refuse before
	// the transaction (Issue checks again on the locked row).
	if _, err := domain.Notation(d, 1, 0, issuer, drafting); err != nil {
		return DocumentView{}, err
	}
	v, err := s.transition(ctx, a, id, func(ctx context.Context, w Writes, d *domain.Document) (domain.HistoryEntry, []envelope.Event, error) {
		if err := d.Check(a, domain.ActionIssue); err != nil {
			return domain.HistoryEntry{}, nil, err
		}
		now := s.now()
		n, err := w.NextNumber(ctx, d.IssuerUnitID, domain.NumberingYear(now), domain.SeriesFor(*d))
		if err != nil {
			return domain.HistoryEntry{}, nil, err
		}
		h, err := d.Issue(a, n, issuer, drafting, now)
		if err != nil {
			return h, nil, err
		}
		if err := w.InsertReceipts(ctx, domain.NewReceipts(*d, now)); err != nil {
			return h, nil, err
		}
		// The PDF's attachment id is chosen now, so that document.issued
		// and the later document.pdf_ready name the same attachment.
		pdfID := newID()
		if err := w.QueuePDF(ctx, d.ID, pdfID, now); err != nil {
			return h, nil, err
		}
		payload := issuedPayload(*d)
		payload.PdfAttachmentId = pdfID
		evs, err := s.event(ctx, events.DocumentIssued, *d, payload)
		if err != nil {
			return h, nil, err
		}
		items, err := s.itemEvents(ctx, *d)
		return h, append(evs, items...), err
	})
	if err != nil {
		return v, err
	}
	return s.afterIssue(ctx, p.Token, a, v)
}

func issuedPayload(d domain.Document) *eventsv1.DocumentIssued {
	ev := &eventsv1.DocumentIssued{
		DocumentId: d.ID, Kind: string(d.Kind), Number: d.Number, Notation: d.Notation,
		IssuerUnitId: d.IssuerUnitID, RecipientUnitIds: d.RecipientIDs(), Urgency: string(d.Urgency),
		Confidentiality: string(d.Confidentiality), Summary: openSummary(d), DueDate: d.DueDate,
		ImplementsDocumentId: d.ImplementsDocumentID, InReplyToDocumentId: d.InReplyToDocumentID,
		IssuedAt: d.IssuedAt.Format(time.RFC3339), IssuedBy: d.IssuedBy, ItemCount: int32(len(d.Items)),
		ExternalRecipientCodes: d.ExternalRecipientCodes(),
	}
	if d.Signer != nil {
		ev.SignerId = d.Signer.UserID
	}
	return ev
}

// itemEvents are a plan's plan.item_issued, one per item, keyed by the
// plan's id so that they reach consumers in order. Each carries one item's
// short fields only (titles ≤ 500 characters, no description), far below
// the broker's 1 MB message limit.
func (s *service) itemEvents(ctx context.Context, d domain.Document) ([]envelope.Event, error) {
	out := make([]envelope.Event, 0, len(d.Items))
	for i, it := range d.Items {
		p := &eventsv1.PlanItemIssued{
			PlanDocumentId: d.ID, ItemId: it.ID, ItemNumber: int32(i + 1), Title: it.Title,
			LeadUnitId: it.LeadUnitID, CooperatingUnitIds: it.CooperatingUnitIDs, DueDate: it.DueDate,
			ReportCadence: string(it.ReportCadence), IssuerUnitId: d.IssuerUnitID, PlanNotation: d.Notation,
			Urgency: string(d.Urgency), Confidentiality: string(d.Confidentiality),
			ImplementsDocumentId: d.ImplementsDocumentID,
		}
		if d.Confidentiality.Restricted() {
			p.Title = "" // ids only
		}
		if it.Indicator != nil && !d.Confidentiality.Restricted() {
			p.IndicatorName, p.IndicatorTarget = it.Indicator.Name, it.Indicator.Target
		}
		ev, err := envelope.New(ctx, s.source, events.PlanItemIssued, d.ID, p)
		if err != nil {
			return nil, fmt.Errorf("event %s: %w", events.PlanItemIssued, err)
		}
		out = append(out, ev)
	}
	return out, nil
}
