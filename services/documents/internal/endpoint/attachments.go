package endpoint

import (
	"context"
	"io"
	"net/http"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

func attachmentOf(a domain.Attachment) documentsapi.Attachment {
	return documentsapi.Attachment{ID: a.ID, DocumentID: a.DocumentID, Name: a.Filename, Filename: a.Filename, ContentType: a.ContentType,
		Size: a.Size, SHA256: a.SHA256, UploadedBy: a.UploadedBy, CreatedAt: a.CreatedAt, System: a.System, Seal: a.Seal}
}

// UploadRequest is one file of POST /v1/documents/{id}/attachments.
type UploadRequest struct {
	ID             string
	Filename       string
	ContentType    string
	Content        io.Reader
	IdempotencyKey string
}

// AttachmentRequest names an attachment.
type AttachmentRequest struct{ ID, AttachmentID string }

// AttachmentResponse answers an upload (201).
type AttachmentResponse struct {
	documentsapi.Attachment
	Err error `json:"-"`
}

func (r AttachmentResponse) Failed() error { return r.Err }

func (r AttachmentResponse) StatusCode() int { return http.StatusCreated }

// FileResponse is a download: the encoder streams Content.
type FileResponse struct {
	Attachment documentsapi.Attachment
	Content    io.ReadCloser
	// Inline asks the browser to show the file (a PDF in the console's
	// viewer) rather than save it.
	Inline bool
	Err    error
}

func (r FileResponse) Failed() error { return r.Err }

// NoContentResponse answers a removal (204).
type NoContentResponse struct{ Err error }

func (r NoContentResponse) Failed() error { return r.Err }

func (r NoContentResponse) StatusCode() int { return http.StatusNoContent }

func makeUpload(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(UploadRequest)
		a, err := s.AddAttachment(ctx, req.ID, app.UploadInput{Filename: req.Filename, ContentType: req.ContentType,
			Content: req.Content, IdempotencyKey: req.IdempotencyKey})
		if err != nil {
			return AttachmentResponse{Err: err}, nil
		}
		return AttachmentResponse{Attachment: attachmentOf(a)}, nil
	}
}

func makeDownload(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(AttachmentRequest)
		a, rc, err := s.OpenAttachment(ctx, req.ID, req.AttachmentID)
		if err != nil {
			return FileResponse{Err: err}, nil
		}
		return FileResponse{Attachment: attachmentOf(a), Content: rc}, nil
	}
}

func makeRemove(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(AttachmentRequest)
		return NoContentResponse{Err: s.RemoveAttachment(ctx, req.ID, req.AttachmentID)}, nil
	}
}
