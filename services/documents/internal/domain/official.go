package domain

import (
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/locality"
)

// IssuedPDF is the official, signed PDF of an issued document, kept in the
// attachments store as a system attachment.
type IssuedPDF struct {
	AttachmentID string
	SHA256       string
	Pages        int
	CreatedAt    time.Time
}

// System attachment kinds: attachments the service makes itself, which
// nobody uploads or removes.
const (
	// SystemIssuedPDF is a document's signed official PDF.
	SystemIssuedPDF = "issued_pdf"
)

// Seal states of an attachment issued with its document.
const (
	// SealSigned: a PDF attachment carries the agency's signature.
	SealSigned = "signed"
	// SealNotPDF: the attachment is not a PDF, so it cannot carry a PAdES
	// signature; the signed PDF of the document lists it instead.
	SealNotPDF = "not_pdf"
)

// ContentTypePDF is the media type of the official PDF.
const ContentTypePDF = "application/pdf"

// Signature and seal images, uploaded by administrators.
const (
	ImageSignature = "signature" // a person's handwritten signature
	ImageSeal      = "seal"      // an agency's seal
	// MaxImage bounds an uploaded image: a signature or a seal printed a
	// few centimetres wide needs far less.
	MaxImage = 512 << 10
)

// SigningImage is a stored signature or seal image.
type SigningImage struct {
	Kind      string // ImageSignature or ImageSeal
	OwnerID   string // the user's or the agency's id
	SHA256    string
	Size      int64
	UpdatedBy string
	UpdatedAt time.Time
}

// MayPreview reports whether a may see the unsigned draft rendering of d:
// its drafter, its signer, and the leaders who may approve it.
func (d Document) MayPreview(a Actor) bool {
	switch {
	case a.UserID == "":
		return false
	case a.UserID == d.Drafter.UserID:
		return true
	case d.Signer != nil && d.Signer.UserID == a.UserID:
		return true
	}
	return a.leads(d.IssuerUnitID)
}

// MayManageImages reports whether a may set signature and seal images:
// administrators, for every agency.
func (a Actor) MayManageImages() bool { return a.Has(RoleAdmin) }

// KindTitle is the kind's name in capitals as the layout prints it above
// the summary ("CHỈ THỊ"); "" for an official letter (Công văn), whose
// summary goes under its number as "V/v …".
func KindTitle(k Kind) string {
	info, ok := k.Info()
	if !ok || info.Abbreviation == "" {
		return ""
	}
	return strings.ToUpper(info.Name)
}

// NotationTail is the notation a draft will have, without its number, as
// a preview prints it ("      /CT-UBND"; "      /2026/QĐ-UBND" for a
// normative document of year): the number is written in at issue. A Công
// văn that has no drafting division yet shows the agency alone.
func NotationTail(d Document, year int, issuer, drafting Unit) string {
	n, err := Notation(d, 1, year, issuer, drafting)
	if err != nil {
		n = "1/" + issuer.ShortName
	}
	if i := strings.Index(n, "/"); i >= 0 {
		return "      " + n[i:]
	}
	return n
}

// SignatureLines are the two printed lines above a signer's name: the
// authority line ("KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"; empty when the head
// signs in their own name) and the position ("PHÓ GIÁM ĐỐC"), derived from
// the signing mark, the signer's title and the agency's facts: its head's
// title (else read from a deputy's or acting head's own title) and the
// collective a TM. signature speaks for (else read from its name).
func SignatureLines(s Signer, agency Unit) (mark, position string) {
	title := strings.TrimSpace(s.Title)
	position = strings.ToUpper(title)
	head := strings.ToUpper(strings.TrimSpace(agency.HeadTitle))
	if head == "" {
		head = headTitle(title)
	}
	collective := strings.ToUpper(strings.TrimSpace(agency.CollectiveName))
	if collective == "" {
		collective = CollectiveName(agency.Name)
	}
	switch s.SigningMark {
	case "":
		return "", position
	case "TM.":
		return "TM. " + collective, position
	case "Q.":
		// An acting head signs "Q. GIÁM ĐỐC" on one line: the mark is the
		// position.
		if head == "" {
			return "Q. " + position, ""
		}
		return "Q. " + head, ""
	default:
		if head == "" {
			head = collective
		}
		return string(s.SigningMark) + " " + head, position
	}
}

// headTitle guesses the head's title from a deputy's or acting head's
// ("Phó Giám đốc" → "GIÁM ĐỐC"); "" when the title names no such head.
func headTitle(title string) string {
	lower := strings.ToLower(title)
	for _, p := range []string{"phó ", "quyền "} {
		if strings.HasPrefix(lower, p) {
			return strings.ToUpper(strings.TrimSpace(title[len(p):]))
		}
	}
	return ""
}

// PlaceName is the địa danh of the agency's date line: the one identity
// records for it; for an agency whose administrators have not set one, it
// is read from the agency's name ("Ủy ban nhân dân thành phố Nha Trang" →
// "Nha Trang"), else its parent's (a Sở of "Ủy ban nhân dân tỉnh Khánh
// Hòa" → "Khánh Hòa"), else the agency's name stands in.
func PlaceName(agency, parent Unit) string {
	if p := strings.TrimSpace(agency.PlaceName); p != "" {
		return p
	}
	if _, p := locality.Split(agency.Name); p != "" {
		return p
	}
	if _, p := locality.Split(parent.Name); p != "" {
		return p
	}
	return agency.Name
}

// CollectiveName is the collective body a TM. signature speaks for, in
// capitals: the agency's name without its locality ("Ủy ban nhân dân tỉnh
// Khánh Hòa" → "ỦY BAN NHÂN DÂN"), as the decree's forms print it.
func CollectiveName(agency string) string {
	body, _ := locality.Split(agency)
	return strings.ToUpper(body)
}
