package endpoint

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Item is a plan item on the wire (API.md).
type Item struct {
	ID                 string     `json:"id,omitempty"`
	Title              string     `json:"title"`
	Description        string     `json:"description,omitempty"`
	LeadUnitID         string     `json:"lead_unit_id"`
	CooperatingUnitIDs []string   `json:"cooperating_unit_ids"`
	DueDate            string     `json:"due_date"`
	ReportCadence      string     `json:"report_cadence,omitempty"`
	Indicator          *Indicator `json:"indicator,omitempty"`
}

// Indicator is an item's target.
type Indicator struct {
	Name   string `json:"name"`
	Target string `json:"target"`
}

func itemsIn(items []Item) []domain.PlanItem {
	if items == nil {
		return nil
	}
	out := make([]domain.PlanItem, len(items))
	for i, it := range items {
		out[i] = domain.PlanItem{Title: it.Title, Description: it.Description, LeadUnitID: it.LeadUnitID,
			CooperatingUnitIDs: it.CooperatingUnitIDs, DueDate: it.DueDate, ReportCadence: domain.Cadence(it.ReportCadence)}
		if it.Indicator != nil {
			out[i].Indicator = &domain.Indicator{Name: it.Indicator.Name, Target: it.Indicator.Target}
		}
	}
	return out
}

func itemsOut(items []domain.PlanItem) []Item {
	out := make([]Item, len(items))
	for i, it := range items {
		out[i] = Item{ID: it.ID, Title: it.Title, Description: it.Description, LeadUnitID: it.LeadUnitID,
			CooperatingUnitIDs: it.CooperatingUnitIDs, DueDate: it.DueDate, ReportCadence: string(it.ReportCadence)}
		if it.Indicator != nil {
			out[i].Indicator = &Indicator{Name: it.Indicator.Name, Target: it.Indicator.Target}
		}
	}
	return out
}

// Attachment is an attachment's metadata.
type Attachment struct {
	ID          string    `json:"id"`
	DocumentID  string    `json:"document_id"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploadedBy  string    `json:"uploaded_by"`
	CreatedAt   time.Time `json:"created_at"`
}

func attachmentOf(a domain.Attachment) Attachment {
	return Attachment{ID: a.ID, DocumentID: a.DocumentID, Filename: a.Filename, ContentType: a.ContentType,
		Size: a.Size, SHA256: a.SHA256, UploadedBy: a.UploadedBy, CreatedAt: a.CreatedAt}
}

// PatchRequest is the body of PATCH /v1/documents/{id}: absent fields keep
// their value.
type PatchRequest struct {
	ID                   string    `json:"-"`
	Kind                 *string   `json:"kind"`
	Summary              *string   `json:"summary"`
	Body                 *string   `json:"body"`
	Urgency              *string   `json:"urgency"`
	Confidentiality      *string   `json:"confidentiality"`
	Recipients           *[]string `json:"recipients"`
	DueDate              *string   `json:"due_date"`
	ImplementsDocumentID *string   `json:"implements_document_id"`
	InReplyToDocumentID  *string   `json:"in_reply_to_document_id"`
	Items                *[]Item   `json:"items"`
}

// DirectRequest is the body of POST /v1/documents/{id}/direct.
type DirectRequest struct {
	ID                 string   `json:"-"`
	LeadUnitID         string   `json:"lead_unit_id"`
	CooperatingUnitIDs []string `json:"cooperating_unit_ids"`
	DueDate            string   `json:"due_date"`
	Note               string   `json:"note"`
}

// ReportRequest asks for a plan's consolidated report.
type ReportRequest struct {
	ID             string
	IdempotencyKey string
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
	Attachment
	Err error `json:"-"`
}

func (r AttachmentResponse) Failed() error { return r.Err }

func (r AttachmentResponse) StatusCode() int { return http.StatusCreated }

// FileResponse is a download: the encoder streams Content.
type FileResponse struct {
	Attachment Attachment
	Content    io.ReadCloser
	Err        error
}

func (r FileResponse) Failed() error { return r.Err }

// NoContentResponse answers a removal (204).
type NoContentResponse struct{ Err error }

func (r NoContentResponse) Failed() error { return r.Err }

func (r NoContentResponse) StatusCode() int { return http.StatusNoContent }

func makeUpdate(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(PatchRequest)
		p := app.Patch{Kind: req.Kind, Summary: req.Summary, Body: req.Body, Urgency: req.Urgency,
			Confidentiality: req.Confidentiality, Recipients: req.Recipients, DueDate: req.DueDate,
			ImplementsDocumentID: req.ImplementsDocumentID, InReplyToDocumentID: req.InReplyToDocumentID}
		if req.Items != nil {
			items := itemsIn(*req.Items)
			if items == nil {
				items = []domain.PlanItem{}
			}
			p.Items = &items
		}
		v, err := s.UpdateDocument(ctx, req.ID, p)
		return respond(v, err, http.StatusOK), nil
	}
}

func makeRevoke(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(RejectRequest)
		v, err := s.RevokeDocument(ctx, req.ID, req.Reason)
		return respond(v, err, http.StatusOK), nil
	}
}

func makeRegister(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		v, err := s.RegisterDocument(ctx, request.(IDRequest).ID)
		return respond(v, err, http.StatusOK), nil
	}
}

func makeDirect(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(DirectRequest)
		v, err := s.DirectDocument(ctx, req.ID, domain.DirectionInput{LeadUnitID: req.LeadUnitID,
			CooperatingUnitIDs: req.CooperatingUnitIDs, DueDate: req.DueDate, Note: req.Note})
		return respond(v, err, http.StatusOK), nil
	}
}

func makeReport(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ReportRequest)
		v, err := s.ConsolidatedReport(ctx, req.ID, req.IdempotencyKey)
		return respond(v, err, http.StatusCreated), nil
	}
}

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
