package documentsapi

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// PDF is an issued document's signed official PDF, on the document once
// it is made (GET /v1/documents/{id}/pdf serves it).
type PDF struct {
	AttachmentID string `json:"attachment_id"`
	SHA256       string `json:"sha256"`
	Pages        int    `json:"pages"`
}

// Signature is one digital signature of a PDF, as verified.
type Signature struct {
	// Signer is the signing certificate's common name.
	Signer string `json:"signer"`
	// Kind is person (the signer's own) or agency (the seal).
	Kind               string    `json:"kind"`
	SignedAt           time.Time `json:"signed_at"`
	CertificateSubject string    `json:"certificate_subject"`
	// Valid: the signature matches the signed bytes and the certificate.
	Valid bool `json:"valid"`
	// CoversWholeDocument: nothing but later signatures changed the PDF
	// after this one.
	CoversWholeDocument bool `json:"covers_whole_document"`
	// Trusted: the certificate chains to a CA this site trusts (the local
	// trial CA's certificates are never legally valid).
	Trusted bool   `json:"trusted"`
	Problem string `json:"problem,omitempty"`
	Reason  string `json:"reason,omitempty"`
}

// Signatures answers GET …/signatures.
type Signatures struct {
	Items []Signature `json:"items"`
}

// SigningImage is a stored signature or seal image's metadata.
type SigningImage struct {
	Kind      string    `json:"kind"`
	OwnerID   string    `json:"owner_id"`
	SHA256    string    `json:"sha256"`
	Size      int64     `json:"size"`
	UpdatedBy string    `json:"updated_by"`
	UpdatedAt time.Time `json:"updated_at"`
}

// OpenPDF starts the download of a document's signed PDF (preview: its
// unsigned draft rendering); the caller closes the body.
func (c *Client) OpenPDF(ctx context.Context, docID string, preview bool) (*http.Response, error) {
	p := docPath(docID, "/pdf")
	if preview {
		p += "?preview=true"
	}
	return c.c.Open(ctx, client.Documents, p)
}

// Signatures verifies a document's signed PDF.
func (c *Client) Signatures(ctx context.Context, docID string) (Signatures, error) {
	var out Signatures
	err := c.c.Do(ctx, client.Documents, http.MethodGet, docPath(docID, "/signatures"), nil, &out)
	return out, err
}

// AttachmentSignatures verifies a PDF attachment's signatures.
func (c *Client) AttachmentSignatures(ctx context.Context, docID, attID string) (Signatures, error) {
	var out Signatures
	err := c.c.Do(ctx, client.Documents, http.MethodGet, docPath(docID, "/attachments/", url.PathEscape(attID), "/signatures"), nil, &out)
	return out, err
}

// imagePath is /v1/signature-images/{user_id} or /v1/seal-images/{agency_id}.
func imagePath(seal bool, owner string) string {
	if seal {
		return "/v1/seal-images/" + url.PathEscape(owner)
	}
	return "/v1/signature-images/" + url.PathEscape(owner)
}

// PutImage uploads a PNG: a person's signature, or with seal an agency's
// seal.
func (c *Client) PutImage(ctx context.Context, seal bool, owner string, png io.Reader) (SigningImage, error) {
	var out SigningImage
	err := c.c.Stream(ctx, client.Documents, http.MethodPut, imagePath(seal, owner), http.Header{"Content-Type": {"image/png"}}, png, &out)
	return out, err
}

// OpenImage starts the download of a signature or seal image.
func (c *Client) OpenImage(ctx context.Context, seal bool, owner string) (*http.Response, error) {
	return c.c.Open(ctx, client.Documents, imagePath(seal, owner))
}
