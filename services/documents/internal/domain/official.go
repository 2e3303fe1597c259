package domain

import (
	"strings"
	"time"
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
// signs in their own name) and the position ("PHÓ GIÁM ĐỐC"). They are
// derived from the signing mark and the signer's title; collective is the
// name a TM. signature speaks for (the agency's collective body).
func SignatureLines(s Signer, collective string) (mark, position string) {
	title := strings.TrimSpace(s.Title)
	position = strings.ToUpper(title)
	head := headTitle(title)
	switch s.SigningMark {
	case "":
		return "", position
	case "TM.":
		return "TM. " + strings.ToUpper(collective), position
	default:
		if head == "" {
			head = strings.ToUpper(collective)
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
