package app

import (
	"context"
	"errors"
	"slices"

	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// GetDocument returns a document the caller may see.
func (s *service) GetDocument(ctx context.Context, id string) (DocumentView, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	d, err := s.visible(ctx, a, id)
	if err != nil {
		return DocumentView{}, err
	}
	return s.view(ctx, a, d)
}

// visible loads a document, or answers 404 when the caller may not see it.
func (s *service) visible(ctx context.Context, a domain.Actor, id string) (domain.Document, error) {
	d, err := s.st.Document(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Document{}, domain.ErrDocumentNotFound()
	}
	if err != nil || d.VisibleTo(a) {
		return d, err
	}
	if d.Released() {
		rs, err := s.st.Receipts(ctx, d.ID)
		if err != nil {
			return d, err
		}
		if d.VisibleThrough(a, rs) || slices.ContainsFunc(rs, func(r domain.Receipt) bool { return r.RoutedTo(a) }) {
			return d, nil
		}
	}
	return domain.Document{}, domain.ErrDocumentNotFound()
}

// view adds the receipts the caller may see: all of them for the issuing
// agency's staff, their own agency's for a recipient.
func (s *service) view(ctx context.Context, a domain.Actor, d domain.Document) (DocumentView, error) {
	v := DocumentView{Document: d}
	var err error
	if v.Attachments, err = s.st.Attachments(ctx, d.ID); err != nil {
		return v, err
	}
	if !d.Released() {
		return v, nil
	}
	if pdf, err := s.off.IssuedPDF(ctx, d.ID); err == nil {
		v.PDF = &pdf
	} else if !errors.Is(err, domain.ErrNotFound) {
		return v, err
	}
	rs, err := s.st.Receipts(ctx, d.ID)
	if err != nil {
		return v, err
	}
	if r, ok := routedReceipt(a, d, rs); ok {
		v.Routing, v.RoutingActions = r.Routing, r.Actions(a, d)
	} else {
		for _, r := range rs {
			if r.RoutedTo(a) {
				v.Routing = r.Routing
			}
		}
	}
	if d.IsIssuerStaff(a) {
		v.Receipts = rs
		return v, nil
	}
	for i := range rs {
		if rs[i].AgencyID == a.AgencyID {
			v.Receipt = &rs[i]
		}
	}
	return v, nil
}

// DocumentHistory lists the transitions of a document the caller may see.
func (s *service) DocumentHistory(ctx context.Context, id string) ([]domain.HistoryEntry, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.visible(ctx, a, id); err != nil {
		return nil, err
	}
	return s.st.History(ctx, id)
}
