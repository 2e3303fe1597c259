package app

import (
	"context"
	"crypto/x509"
	"io"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Official is the official-document part of the service: the signed PDF of
// an issued document, its signatures, and the signature and seal images.
type Official interface {
	// DocumentPDF is the signed PDF of an issued document the caller may
	// read (409 before it exists), or with preview an unsigned rendering of
	// the document as it stands, for its drafter and approvers.
	DocumentPDF(ctx context.Context, id string, preview bool) (domain.Attachment, io.ReadCloser, error)
	// DocumentSignatures verifies the signatures of the signed PDF.
	DocumentSignatures(ctx context.Context, id string) ([]signing.SignatureInfo, error)
	// AttachmentSignatures verifies the signatures of a PDF attachment, a
	// received one as well as one of ours.
	AttachmentSignatures(ctx context.Context, id, attachmentID string) ([]signing.SignatureInfo, error)
	// PutSigningImage stores a person's signature image or an agency's
	// seal image (PNG), administrators only.
	PutSigningImage(ctx context.Context, kind, ownerID string, content io.Reader) (domain.SigningImage, error)
	// OpenSigningImage reads one, for administrators and its owner.
	OpenSigningImage(ctx context.Context, kind, ownerID string) (domain.SigningImage, io.ReadCloser, error)
}

// OfficialStore keeps the PDFs' records, their pending work and the
// images (internal/store is it). Each write owns its transaction.
type OfficialStore interface {
	// DuePDFJobs lists documents whose PDF is to be made and due at now.
	DuePDFJobs(ctx context.Context, now time.Time, limit int) ([]string, error)
	// ClaimPDFJob leases a due job until until; claimed is false when the
	// job is gone, leased by another worker, or not due.
	// attachmentID is the PDF's attachment id chosen at issue ("" for a
	// job queued before it was).
	ClaimPDFJob(ctx context.Context, documentID string, now, until time.Time) (claimed bool, attempts int, attachmentID string, err error)
	// FailPDFJob makes a claimed job due again at retryAt.
	FailPDFJob(ctx context.Context, documentID string, retryAt time.Time, problem string) error
	PDFJobPending(ctx context.Context, documentID string) (bool, error)
	// RecordPDF stores the PDF's attachment and record, the sealed
	// attachments' contents, and evs, and ends the job, in one
	// transaction; false (nothing stored) when the PDF was recorded before.
	RecordPDF(ctx context.Context, documentID string, pdf domain.IssuedPDF, att domain.Attachment,
		sealed []domain.Attachment, evs []envelope.Event) (bool, error)
	// IssuedPDF is the PDF's record, or domain.ErrNotFound.
	IssuedPDF(ctx context.Context, documentID string) (domain.IssuedPDF, error)
	// SigningImage is an image's record, or domain.ErrNotFound.
	SigningImage(ctx context.Context, kind, ownerID string) (domain.SigningImage, error)
	PutSigningImage(ctx context.Context, img domain.SigningImage) error
}

// Signing is how issued documents are signed and their signatures checked.
type Signing struct {
	// Signer signs with the configured key store; nil leaves issued
	// documents' PDFs queued (nothing signs them).
	Signer *signing.Signer
	// Roots are the certificate authorities a signature is trusted under
	// (the local CA's root, a site's CAs); nil trusts none, and
	// verification still reports whether each signature is intact.
	Roots *x509.CertPool
}
