package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/officialpdf"
	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

var copyKinds = map[domain.CopyForm]officialpdf.CopyKind{
	domain.CopyTrue: officialpdf.CopyExact, domain.CopyExtract: officialpdf.CopyExtract, domain.CopyOfCopy: officialpdf.CopyTranscript,
}

// renderCopy renders copy c of its original in the copy form of Decree 30
// (the original's text, then the copying agency's part) and returns it
// with the copying agency's seal request. A copy is certified by the
// copying agency alone: its clerk makes it, no leader approves it, so it
// carries the agency's signature and no person's.
func (s *service) renderCopy(ctx context.Context, token string, c domain.Document) (officialpdf.Rendered, signing.Request, error) {
	original, err := s.st.Document(ctx, c.CopyOf)
	if err != nil {
		return officialpdf.Rendered{}, signing.Request{}, fmt.Errorf("original of copy %s: %w", c.ID, err)
	}
	src, err := s.officialSource(ctx, token, original)
	if err != nil {
		return officialpdf.Rendered{}, signing.Request{}, err
	}
	if c.CopyForm == domain.CopyExtract && strings.TrimSpace(c.CopyExtract) != "" {
		src.doc.Body = c.CopyExtract // trích sao: the part copied
	}
	// The copying agency's side, from the copy as a document of its own.
	own, err := s.officialSource(ctx, token, c)
	if err != nil {
		return officialpdf.Rendered{}, signing.Request{}, err
	}
	form := officialpdf.CopyForm{
		Kind: copyKinds[c.CopyForm], ParentAgency: own.doc.ParentAgency, Agency: own.doc.Agency,
		Notation: c.Notation, Place: own.doc.Place, Date: own.doc.Date,
		Recipients: own.doc.Recipients, Archive: own.doc.Archive,
	}
	if own.doc.KindTitle == "" {
		// officialSource addresses a kind without a title like a Công văn;
		// a copy lists its recipients under Nơi nhận instead.
		form.Recipients = own.doc.Addressees
	}
	r, err := officialpdf.RenderCopy(src.doc, form)
	if err != nil {
		return r, signing.Request{}, fmt.Errorf("render copy: %w", err)
	}
	seal := own.sealRequest()
	seal.Page, seal.Rect = r.SealBox.Page, rectOf(r.SealBox)
	seal.Reason = "Bản sao " + c.Notation + " của " + own.agency.Name
	return r, seal, nil
}
