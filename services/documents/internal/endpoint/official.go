package endpoint

import (
	"context"
	"io"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// PDFRequest is GET /v1/documents/{id}/pdf[?preview=true].
type PDFRequest struct {
	ID      string
	Preview bool
}

// SignaturesResponse answers the signature checks.
type SignaturesResponse struct {
	documentsapi.Signatures
	Err error `json:"-"`
}

func (r SignaturesResponse) Failed() error { return r.Err }

// ImageRequest names a signature image (a user's) or a seal image (an
// agency's); Content is the upload of a PUT.
type ImageRequest struct {
	Kind    string
	OwnerID string
	Content io.Reader
}

// ImageResponse answers an image upload.
type ImageResponse struct {
	documentsapi.SigningImage
	Err error `json:"-"`
}

func (r ImageResponse) Failed() error { return r.Err }

func pdfOf(p *domain.IssuedPDF) *documentsapi.PDF {
	if p == nil {
		return nil
	}
	return &documentsapi.PDF{AttachmentID: p.AttachmentID, SHA256: p.SHA256, Pages: p.Pages}
}

func signaturesOf(infos []signing.SignatureInfo) documentsapi.Signatures {
	out := documentsapi.Signatures{Items: make([]documentsapi.Signature, 0, len(infos))}
	for _, i := range infos {
		out.Items = append(out.Items, documentsapi.Signature{
			Signer: i.Signer, Kind: string(i.Kind), SignedAt: i.SignedAt, CertificateSubject: i.CertificateSubject,
			Valid: i.Valid, CoversWholeDocument: i.CoversWholeDocument, Trusted: i.Trusted, Problem: i.Problem,
			Reason: i.Reason,
		})
	}
	return out
}

func imageOf(img domain.SigningImage) documentsapi.SigningImage {
	return documentsapi.SigningImage{Kind: img.Kind, OwnerID: img.OwnerID, SHA256: img.SHA256, Size: img.Size,
		UpdatedBy: img.UpdatedBy, UpdatedAt: img.UpdatedAt}
}

func makePDF(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(PDFRequest)
		a, rc, err := s.DocumentPDF(ctx, req.ID, req.Preview)
		if err != nil {
			return FileResponse{Err: err}, nil
		}
		return FileResponse{Attachment: attachmentOf(a), Content: rc, Inline: true}, nil
	}
}

func makeSignatures(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		infos, err := s.DocumentSignatures(ctx, request.(IDRequest).ID)
		if err != nil {
			return SignaturesResponse{Err: err}, nil
		}
		return SignaturesResponse{Signatures: signaturesOf(infos)}, nil
	}
}

func makeAttachmentSignatures(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(AttachmentRequest)
		infos, err := s.AttachmentSignatures(ctx, req.ID, req.AttachmentID)
		if err != nil {
			return SignaturesResponse{Err: err}, nil
		}
		return SignaturesResponse{Signatures: signaturesOf(infos)}, nil
	}
}

func makePutImage(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ImageRequest)
		img, err := s.PutSigningImage(ctx, req.Kind, req.OwnerID, req.Content)
		if err != nil {
			return ImageResponse{Err: err}, nil
		}
		return ImageResponse{SigningImage: imageOf(img)}, nil
	}
}

func makeGetImage(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ImageRequest)
		img, rc, err := s.OpenSigningImage(ctx, req.Kind, req.OwnerID)
		if err != nil {
			return FileResponse{Err: err}, nil
		}
		return FileResponse{Attachment: documentsapi.Attachment{ID: img.Kind + "-" + img.OwnerID,
			Filename: img.Kind + "-" + img.OwnerID + ".png", ContentType: "image/png", Size: img.Size,
			SHA256: img.SHA256, UploadedBy: img.UpdatedBy, CreatedAt: img.UpdatedAt}, Content: rc}, nil
	}
}
