package signing

import (
	"bytes"
	"context"
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"
)

// Rect is a rectangle on a page in PDF points (1/72 inch), origin at the
// bottom left corner of the page.
type Rect struct {
	LLX float64 `json:"llx"`
	LLY float64 `json:"lly"`
	URX float64 `json:"urx"`
	URY float64 `json:"ury"`
}

// Width of the rectangle in points.
func (r Rect) Width() float64 { return r.URX - r.LLX }

// Height of the rectangle in points.
func (r Rect) Height() float64 { return r.URY - r.LLY }

// Request is one signature to add.
type Request struct {
	Who Identity
	// Page is 1-based; Rect is where the appearance goes on it.
	Page int
	Rect Rect
	// Image is the signer's signature (a person) or the seal (an agency),
	// PNG or JPEG; optional. A seal's appearance always carries a line with
	// the signing time under the image.
	Image []byte
	// Reason, Location and ContactInfo go into the signature dictionary.
	Reason, Location, ContactInfo string
	// Time is the signing time recorded; zero means now.
	Time time.Time
}

// Signer adds signatures to PDFs with keys from a KeyStore.
type Signer struct {
	Keys KeyStore
	// Now gives the signing time when a request has none; nil is time.Now.
	Now func() time.Time
	// Zone is the time zone of the time printed on seals; nil is
	// Asia/Ho_Chi_Minh (UTC+7, falling back to a fixed zone when the
	// system has no zone database).
	Zone *time.Location
}

// ErrInvalidRequest is returned for a request that cannot be signed as
// asked (bad page, empty rectangle, missing identity).
var ErrInvalidRequest = errors.New("signing: invalid request")

// Sign adds one visible approval signature as an incremental update; the
// bytes of doc are kept as they are, so signatures already in it stay valid.
func (s *Signer) Sign(ctx context.Context, doc []byte, req Request) ([]byte, error) {
	if err := req.Who.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidRequest, err)
	}
	if req.Rect.Width() < 1 || req.Rect.Height() < 1 {
		return nil, fmt.Errorf("%w: rectangle %v is empty", ErrInvalidRequest, req.Rect)
	}
	rdr, err := openPDF(doc)
	if err != nil {
		return nil, err
	}
	if req.Page < 1 || req.Page > rdr.NumPage() {
		return nil, fmt.Errorf("%w: page %d of %d", ErrInvalidRequest, req.Page, rdr.NumPage())
	}
	at := req.Time
	if at.IsZero() {
		at = s.now()
	}
	var look []byte
	if req.Who.Kind == KindAgency {
		look, err = sealAppearance(req.Rect, req.Image, "Ký lúc "+at.In(s.zone()).Format("15:04:05 02/01/2006 (UTC-07:00)"))
	} else {
		look, err = personAppearance(req.Rect, req.Image, req.Who.Name)
	}
	if err != nil {
		return nil, err
	}
	key, err := checkKey(s.Keys.Key(ctx, req.Who))
	if err != nil {
		return nil, fmt.Errorf("signing: key for %s: %w", req.Who.Key(), err)
	}
	data := sign.SignData{
		Signature: sign.SignDataSignature{
			// An approval signature: the only kind pdfsign draws visibly, and
			// the kind that lets a second signer (the seal) follow.
			CertType: sign.ApprovalSignature,
			Info: sign.SignDataSignatureInfo{
				Name: req.Who.Name, Reason: req.Reason, Location: req.Location,
				ContactInfo: req.ContactInfo, Date: at,
			},
		},
		Signer:            key.Signer,
		DigestAlgorithm:   crypto.SHA256,
		Certificate:       key.Certificate(),
		CertificateChains: [][]*x509.Certificate{key.Chain},
		Appearance: sign.Appearance{
			Visible: true, Page: uint32(req.Page),
			LowerLeftX: req.Rect.LLX, LowerLeftY: req.Rect.LLY,
			UpperRightX: req.Rect.URX, UpperRightY: req.Rect.URY,
			Image: look,
		},
	}
	return signPDF(doc, rdr, data)
}

// SignIssued signs an issued document twice: the person's signature, then
// the agency's seal as a second revision over it.
func (s *Signer) SignIssued(ctx context.Context, doc []byte, person, seal Request) ([]byte, error) {
	if person.Who.Kind != KindPerson || seal.Who.Kind != KindAgency {
		return nil, fmt.Errorf("%w: an issued document is signed by a person, then sealed by an agency", ErrInvalidRequest)
	}
	out, err := s.Sign(ctx, doc, person)
	if err != nil {
		return nil, fmt.Errorf("person's signature: %w", err)
	}
	if out, err = s.Sign(ctx, out, seal); err != nil {
		return nil, fmt.Errorf("agency's seal: %w", err)
	}
	return out, nil
}

// Copy-stamp size and place: top right of page 1, inside the official
// margins (right 15–20 mm, top 20–25 mm).
const (
	copyStampW      = 160.0
	copyStampH      = 64.0
	copyStampRight  = 15 * 72 / 25.4
	copyStampTopOff = 8 * 72 / 25.4
)

// SignCopy seals an attachment or a copy: the agency's signature with its
// time at the top right of the first page. seal.Page and seal.Rect are
// filled in when left zero.
func (s *Signer) SignCopy(ctx context.Context, doc []byte, seal Request) ([]byte, error) {
	if seal.Who.Kind != KindAgency {
		return nil, fmt.Errorf("%w: attachments and copies carry the agency's signature", ErrInvalidRequest)
	}
	if seal.Page == 0 {
		seal.Page = 1
	}
	if seal.Rect == (Rect{}) {
		rdr, err := openPDF(doc)
		if err != nil {
			return nil, err
		}
		if seal.Page > rdr.NumPage() {
			return nil, fmt.Errorf("%w: page %d of %d", ErrInvalidRequest, seal.Page, rdr.NumPage())
		}
		box := pageBox(rdr.Page(seal.Page).V)
		seal.Rect = Rect{
			LLX: box.URX - copyStampRight - copyStampW, URX: box.URX - copyStampRight,
			LLY: box.URY - copyStampTopOff - copyStampH, URY: box.URY - copyStampTopOff,
		}
	}
	return s.Sign(ctx, doc, seal)
}

func (s *Signer) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Signer) zone() *time.Location {
	if s.Zone != nil {
		return s.Zone
	}
	return vietnam()
}

var vietnam = sync.OnceValue(func() *time.Location {
	if z, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return z
	}
	return time.FixedZone("ICT", 7*3600)
})

// openPDF parses doc; the PDF reader panics on some malformed input, which
// must come back as an error, not take the caller down.
func openPDF(doc []byte) (rdr *pdf.Reader, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("signing: unreadable PDF: %v", r)
		}
	}()
	rdr, err = pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		return nil, fmt.Errorf("signing: unreadable PDF: %w", err)
	}
	return rdr, nil
}

func signPDF(doc []byte, rdr *pdf.Reader, data sign.SignData) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("signing: pdfsign failed: %v", r)
		}
	}()
	var buf bytes.Buffer
	if err := sign.Sign(bytes.NewReader(doc), &buf, rdr, int64(len(doc)), data); err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	return buf.Bytes(), nil
}

// pageBox is the page's MediaBox, inherited from its parents when the page
// has none; A4 when the document names none at all.
func pageBox(page pdf.Value) Rect {
	for v := page; !v.IsNull(); v = v.Key("Parent") {
		if mb := v.Key("MediaBox"); mb.Len() == 4 {
			return Rect{mb.Index(0).Float64(), mb.Index(1).Float64(), mb.Index(2).Float64(), mb.Index(3).Float64()}
		}
	}
	return Rect{0, 0, 595.28, 841.89}
}
