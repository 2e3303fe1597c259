package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/officialpdf"
	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/pkg/urgency"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// official is what the PDF of a document is made from: the layout's input
// and what the signatures need.
type official struct {
	doc       officialpdf.Document
	agency    domain.Unit
	signer    domain.Signer
	signature []byte // the signer's image, if on file
	seal      []byte // the agency's seal image, if on file
}

// officialSource gathers d's layout from the document and the unit
// directory, asking identity with the caller's token for a unit the read
// model lacks (a background job has no token and asks the read model only:
// the units were resolved when the document was drafted and issued).
func (s *service) officialSource(ctx context.Context, token string, d domain.Document) (official, error) {
	agency, err := s.dir.Unit(ctx, token, d.IssuerUnitID)
	if err != nil {
		return official{}, fmt.Errorf("issuing agency: %w", err)
	}
	o := official{agency: agency}
	if d.Signer != nil {
		o.signer = *d.Signer
	}
	doc := officialpdf.Document{
		Agency:          strings.ToUpper(agency.Name),
		Notation:        d.Notation,
		KindTitle:       domain.KindTitle(d.Kind),
		Summary:         d.Summary,
		Body:            s.officialBody(ctx, token, d),
		Urgency:         urgency.Level(d.Urgency),
		Confidentiality: officialpdf.Confidentiality(d.Confidentiality),
	}
	if d.IssuedAt != nil {
		doc.Date = *d.IssuedAt
	}
	var parent domain.Unit
	if agency.ParentID != "" {
		if parent, err = s.dir.Unit(ctx, token, agency.ParentID); err == nil {
			doc.ParentAgency = strings.ToUpper(parent.Name)
		}
	}
	doc.Place = domain.PlaceName(agency, parent)
	drafting, _ := s.dir.Unit(ctx, token, d.DraftingUnitID)
	if doc.Notation == "" {
		doc.Notation = domain.NotationTail(d, domain.NumberingYear(s.now()), agency, drafting)
	}
	doc.Archive = []string{"VT"}
	if drafting.ID != "" && drafting.ID != agency.ID && drafting.ShortName != "" {
		doc.Archive = append(doc.Archive, drafting.ShortName)
	}
	names := s.recipientNames(ctx, token, d)
	if doc.KindTitle == "" {
		// A Công văn is addressed (Kính gửi) to its recipients; Nơi nhận
		// then refers to them.
		doc.Addressees, doc.Recipients = names, []string{"Như trên"}
	} else {
		doc.Recipients = names
	}
	if d.Signer != nil {
		doc.Signature.Mark, doc.Signature.Position = printedLines(*d.Signer, agency)
		doc.Signature.FullName = d.Signer.FullName
		if o.signature, err = s.imageBytes(ctx, domain.ImageSignature, d.Signer.UserID); err != nil {
			return official{}, err
		}
	}
	if o.seal, err = s.imageBytes(ctx, domain.ImageSeal, agency.ID); err != nil {
		return official{}, err
	}
	o.doc = doc
	return o, nil
}

// recipientNames are the recipients' unit names in the drafter's order; a
// unit the directory does not know prints by its id rather than vanish.
func (s *service) recipientNames(ctx context.Context, token string, d domain.Document) []string {
	out := make([]string, 0, len(d.Recipients))
	for _, r := range d.Recipients {
		out = append(out, s.unitName(ctx, token, r.UnitID))
	}
	// Organisations outside the deployment follow, by the directory's names.
	for _, r := range d.ExternalRecipients {
		out = append(out, cmp.Or(r.Name, r.Code))
	}
	return out
}

// imageBytes is a stored signature or seal image, nil when none is on file.
func (s *service) imageBytes(ctx context.Context, kind, owner string) ([]byte, error) {
	img, err := s.off.SigningImage(ctx, kind, owner)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return s.readBlob(ctx, img.SHA256)
}

// requests are the person's signature at the signature block and the
// agency's seal over its left part, where the rendering put them.
func (o official) requests(r officialpdf.Rendered) (person, seal signing.Request) {
	person = signing.Request{
		Who:  signing.Identity{Kind: signing.KindPerson, ID: o.signer.UserID, Name: o.signer.FullName, Agency: o.agency.Name},
		Page: r.SignerBox.Page, Rect: rectOf(r.SignerBox), Image: o.signature,
		Reason: "Ký ban hành văn bản " + o.doc.Notation, Location: o.doc.Place,
	}
	seal = o.sealRequest()
	seal.Page, seal.Rect = r.SealBox.Page, rectOf(r.SealBox)
	return person, seal
}

// sealRequest is the agency's signature; without a page and rectangle it
// goes at the top right of page 1 (attachments).
func (o official) sealRequest() signing.Request {
	return signing.Request{
		Who:   signing.Identity{Kind: signing.KindAgency, ID: o.agency.ID, Name: o.agency.Name},
		Image: o.seal, Reason: "Văn bản " + o.doc.Notation + " của " + o.agency.Name, Location: o.doc.Place,
	}
}

func rectOf(b officialpdf.Box) signing.Rect {
	r := b.Rect()
	return signing.Rect{LLX: r[0], LLY: r[1], URX: r[2], URY: r[3]}
}

// printedLines are the signature block's lines as the approval recorded
// them (the signing authority's rule), or, for a signature recorded before
// they were kept, as the mark and title suggest.
func printedLines(sg domain.Signer, agency domain.Unit) (mark, position string) {
	if sg.MarkLine != "" || sg.PositionLine != "" {
		return sg.MarkLine, sg.PositionLine
	}
	return domain.SignatureLines(sg, agency)
}
