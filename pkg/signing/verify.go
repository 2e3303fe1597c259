package signing

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pkcs7"
)

// SignatureInfo is what Verify reports about one signature, in signing
// order (oldest first).
type SignatureInfo struct {
	// Field is the signature field's name (T), e.g. "Signature 1".
	Field string `json:"field"`
	// Signer is the signing certificate's common name, or the signature
	// dictionary's Name when the certificate has none.
	Signer string `json:"signer"`
	// Kind is a hint from the certificate; see kindOf.
	Kind Kind `json:"kind"`
	// SignedAt is the signing time the signer recorded (M, else the CMS
	// signing-time attribute); it is the signer's claim, not a timestamp.
	SignedAt           time.Time `json:"signed_at"`
	CertificateSubject string    `json:"certificate_subject"`
	// Valid: the CMS signature checks out with the signer's certificate and
	// its digest matches the bytes the ByteRange names.
	Valid bool `json:"valid"`
	// CoversWholeDocument: for the last signature, its ByteRange spans the
	// whole file; for an earlier one, everything after its revision is
	// later valid signatures only, and every page's content, box and
	// non-signature annotations are as it signed them.
	CoversWholeDocument bool `json:"covers_whole_document"`
	// Trusted: the certificate chains, at SignedAt, to one of the roots
	// given to Verify. Kept apart from Valid: a trial CA's signature is
	// intact but proves nothing legally.
	Trusted    bool   `json:"trusted"`
	TrustError string `json:"trust_error,omitempty"`
	// Problem says why Valid is false.
	Problem     string   `json:"problem,omitempty"`
	SubFilter   string   `json:"sub_filter"`
	Reason      string   `json:"reason,omitempty"`
	Location    string   `json:"location,omitempty"`
	ContactInfo string   `json:"contact_info,omitempty"`
	ByteRange   [4]int64 `json:"byte_range"`
	// Rect is where the signature shows on its page (zero if invisible).
	Rect Rect `json:"rect"`
	// Certificate is the signer's certificate, when the CMS could be read.
	Certificate *x509.Certificate `json:"-"`
}

var oidSigningTime = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}

// Verify lists the signatures in doc and checks each one. roots may be nil;
// then no signature is Trusted. An unsigned PDF gives an empty list; only
// an unreadable PDF is an error.
func Verify(doc []byte, roots *x509.CertPool) (infos []SignatureInfo, err error) {
	defer func() {
		if r := recover(); r != nil {
			infos, err = nil, fmt.Errorf("signing: unreadable PDF: %v", r)
		}
	}()
	rdr, err := openPDF(doc)
	if err != nil {
		return nil, err
	}
	var fields []pdf.Value
	collectSigFields(rdr.Trailer().Key("Root").Key("AcroForm").Key("Fields"), &fields, 0)
	for _, f := range fields {
		infos = append(infos, checkSignature(doc, f, roots))
	}
	slices.SortStableFunc(infos, func(a, b SignatureInfo) int { return int(a.end() - b.end()) })
	markCoverage(doc, rdr, infos)
	return infos, nil
}

func (s SignatureInfo) end() int64 { return s.ByteRange[2] + s.ByteRange[3] }

// collectSigFields walks the field tree (fields may nest under Kids) and
// keeps the signature fields that hold a signature.
func collectSigFields(fields pdf.Value, out *[]pdf.Value, depth int) {
	if depth > 16 {
		return
	}
	for i := 0; i < fields.Len(); i++ {
		f := fields.Index(i)
		if f.Key("FT").Name() == "Sig" && f.Key("V").Kind() == pdf.Dict {
			*out = append(*out, f)
		}
		collectSigFields(f.Key("Kids"), out, depth+1)
	}
}

func checkSignature(doc []byte, field pdf.Value, roots *x509.CertPool) SignatureInfo {
	v := field.Key("V")
	info := SignatureInfo{
		Field:       field.Key("T").Text(),
		Signer:      v.Key("Name").Text(),
		SubFilter:   v.Key("SubFilter").Name(),
		Reason:      v.Key("Reason").Text(),
		Location:    v.Key("Location").Text(),
		ContactInfo: v.Key("ContactInfo").Text(),
	}
	if r := field.Key("Rect"); r.Len() == 4 {
		info.Rect = Rect{r.Index(0).Float64(), r.Index(1).Float64(), r.Index(2).Float64(), r.Index(3).Float64()}
	}
	if m := v.Key("M"); !m.IsNull() {
		info.SignedAt, _ = parsePDFDate(m.Text())
	}
	switch info.SubFilter {
	case "adbe.pkcs7.detached", "ETSI.CAdES.detached":
	default:
		// adbe.pkcs7.sha1 and adbe.x509.rsa_sha1 sign something other than
		// the byte ranges themselves; they are deprecated and not read here.
		info.Problem = fmt.Sprintf("SubFilter %q is not supported", info.SubFilter)
		return info
	}
	content, err := signedBytes(doc, v.Key("ByteRange"), &info.ByteRange)
	if err != nil {
		info.Problem = err.Error()
		return info
	}
	p7, err := pkcs7.Parse([]byte(v.Key("Contents").RawString()))
	if err != nil {
		info.Problem = fmt.Sprintf("unreadable CMS: %v", err)
		return info
	}
	if cert := p7.GetOnlySigner(); cert != nil {
		info.Certificate = cert
		info.CertificateSubject = cert.Subject.String()
		if cert.Subject.CommonName != "" {
			info.Signer = cert.Subject.CommonName
		}
		info.Kind = kindOf(cert)
	}
	if info.SignedAt.IsZero() {
		var t time.Time
		if p7.UnmarshalSignedAttribute(oidSigningTime, &t) == nil {
			info.SignedAt = t
		}
	}
	p7.Content = content
	if err := p7.Verify(); err != nil {
		info.Problem = err.Error()
		return info
	}
	info.Valid = true
	switch {
	case roots == nil:
		info.TrustError = "no trusted roots configured"
	default:
		at := info.SignedAt
		if at.IsZero() {
			at = time.Now()
		}
		if err := p7.VerifyWithChainAtTime(roots, at); err != nil {
			info.TrustError = err.Error()
		} else {
			info.Trusted = true
		}
	}
	return info
}

// signedBytes reads the two ranges a signature covers. The gap between
// them must be exactly the Contents hex string, or bytes outside the
// signature could change unnoticed.
func signedBytes(doc []byte, br pdf.Value, out *[4]int64) ([]byte, error) {
	if br.Len() != 4 {
		return nil, fmt.Errorf("ByteRange has %d numbers, want 4", br.Len())
	}
	for i := range out {
		out[i] = br.Index(i).Int64()
	}
	a, alen, b, blen := out[0], out[1], out[2], out[3]
	n := int64(len(doc))
	if a != 0 || alen <= 0 || b <= alen+1 || blen < 0 || b+blen > n {
		return nil, fmt.Errorf("ByteRange %v does not fit the %d-byte file", *out, n)
	}
	if doc[alen] != '<' || doc[b-1] != '>' {
		return nil, fmt.Errorf("ByteRange %v leaves out more than the signature", *out)
	}
	var buf bytes.Buffer
	buf.Write(doc[a : a+alen])
	buf.Write(doc[b : b+blen])
	return buf.Bytes(), nil
}

// parsePDFDate reads D:YYYYMMDDHHmmSS+HH'mm' and its shorter forms.
func parsePDFDate(s string) (time.Time, error) {
	s = strings.TrimPrefix(s, "D:")
	s = strings.ReplaceAll(strings.TrimSuffix(s, "'"), "'", "")
	for _, layout := range []string{"20060102150405-0700", "20060102150405Z0700", "20060102150405Z", "20060102150405", "200601021504", "20060102"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("signing: PDF date %q", s)
}

// kindOf guesses whether a certificate is an agency's seal: the local CA
// marks its certificates with a subject serial number "agency:<id>" or
// "person:<id>"; other CAs issue an organisation's certificate with the
// organisation as its common name.
func kindOf(cert *x509.Certificate) Kind {
	sn := cert.Subject.SerialNumber
	switch {
	case strings.HasPrefix(sn, string(KindAgency)+":"):
		return KindAgency
	case strings.HasPrefix(sn, string(KindPerson)+":"):
		return KindPerson
	case slices.Contains(cert.Subject.Organization, cert.Subject.CommonName):
		return KindAgency
	}
	return KindPerson
}
