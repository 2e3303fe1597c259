package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/officialpdf"
	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// DocumentPDF serves the signed PDF, or a preview.
func (s *service) DocumentPDF(ctx context.Context, id string, preview bool) (domain.Attachment, io.ReadCloser, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return domain.Attachment{}, nil, err
	}
	d, err := s.visible(ctx, a, id)
	if err != nil {
		return domain.Attachment{}, nil, err
	}
	if preview {
		return s.preview(ctx, p.Token, a, d)
	}
	pdf, err := s.issuedPDF(ctx, p.Token, d)
	if err != nil {
		return domain.Attachment{}, nil, err
	}
	att, err := s.st.Attachment(ctx, d.ID, pdf.AttachmentID)
	if err != nil {
		return att, nil, err
	}
	rc, err := s.blobs.Open(ctx, att.SHA256)
	return att, rc, err
}

// issuedPDF is the record of d's signed PDF: 409 before issue, and while it
// is still being made (after one more try to make it, should it be due).
func (s *service) issuedPDF(ctx context.Context, token string, d domain.Document) (domain.IssuedPDF, error) {
	if !d.Released() {
		return domain.IssuedPDF{}, apperr.Conflict("the document has no signed PDF before it is issued "+
			"(văn bản chưa ban hành); ask for ?preview=true", string(d.Status))
	}
	pdf, err := s.off.IssuedPDF(ctx, d.ID)
	if errors.Is(err, domain.ErrNotFound) && s.signing.Signer != nil {
		if _, perr := s.producePDF(ctx, token, d.ID); perr == nil {
			pdf, err = s.off.IssuedPDF(ctx, d.ID)
		}
	}
	if errors.Is(err, domain.ErrNotFound) {
		return pdf, apperr.Conflict("the signed PDF is still being made; try again shortly "+
			"(bản PDF ký số đang được tạo)", string(d.Status))
	}
	return pdf, err
}

// preview renders d as it stands, unsigned: for its drafter, its signer
// and the leaders who approve it.
func (s *service) preview(ctx context.Context, token string, a domain.Actor, d domain.Document) (domain.Attachment, io.ReadCloser, error) {
	if !d.MayPreview(a) {
		return domain.Attachment{}, nil, apperr.Forbidden("only the drafter and the approving leaders preview a document's PDF")
	}
	src, err := s.officialSource(ctx, token, d)
	if err != nil {
		return domain.Attachment{}, nil, err
	}
	r, err := officialpdf.Render(src.doc)
	if err != nil {
		return domain.Attachment{}, nil, fmt.Errorf("render preview: %w", err)
	}
	sum := fmt.Sprintf("%x", sha256.Sum256(r.PDF))
	att := domain.Attachment{ID: "preview", DocumentID: d.ID, Filename: "du-thao-" + pdfFilename(d),
		ContentType: domain.ContentTypePDF, Size: int64(len(r.PDF)), SHA256: sum, CreatedAt: s.now()}
	return att, io.NopCloser(bytes.NewReader(r.PDF)), nil
}

// DocumentSignatures verifies the signed PDF's signatures.
func (s *service) DocumentSignatures(ctx context.Context, id string) ([]signing.SignatureInfo, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	d, err := s.visible(ctx, a, id)
	if err != nil {
		return nil, err
	}
	pdf, err := s.issuedPDF(ctx, p.Token, d)
	if err != nil {
		return nil, err
	}
	content, err := s.readBlob(ctx, pdf.SHA256)
	if err != nil {
		return nil, err
	}
	return s.verify(content)
}

// AttachmentSignatures verifies a PDF attachment's signatures, whoever
// signed it.
func (s *service) AttachmentSignatures(ctx context.Context, id, attachmentID string) ([]signing.SignatureInfo, error) {
	a, _, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.visible(ctx, a, id); err != nil {
		return nil, err
	}
	att, err := s.st.Attachment(ctx, id, attachmentID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, apperr.NotFound("attachment")
	}
	if err != nil {
		return nil, err
	}
	if att.ContentType != domain.ContentTypePDF {
		return nil, apperr.Conflict("only a PDF carries digital signatures (PAdES); this attachment is "+att.ContentType, "")
	}
	content, err := s.readBlob(ctx, att.SHA256)
	if err != nil {
		return nil, err
	}
	return s.verify(content)
}

func (s *service) verify(content []byte) ([]signing.SignatureInfo, error) {
	infos, err := signing.Verify(content, s.signing.Roots)
	if err != nil {
		return nil, apperr.Invalid("the PDF cannot be read: " + err.Error())
	}
	return infos, nil
}
