// Package endpoint exposes each documents use case as a go-kit endpoint.
// Business errors travel in the response (endpoint.Failer); errors returned
// are the transport's and middleware's own (a missing token).
package endpoint

import (
	"cmp"
	"context"
	"net/http"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Set holds every endpoint of the service.
type Set struct {
	Create  endpoint.Endpoint
	Submit  endpoint.Endpoint
	Approve endpoint.Endpoint
	Reject  endpoint.Endpoint
	Issue   endpoint.Endpoint
	Get     endpoint.Endpoint
	List    endpoint.Endpoint
	History endpoint.Endpoint

	Update   endpoint.Endpoint
	Revoke   endpoint.Endpoint
	Register endpoint.Endpoint
	Direct   endpoint.Endpoint
	Upload   endpoint.Endpoint
	Download endpoint.Endpoint
	Remove   endpoint.Endpoint
	Report   endpoint.Endpoint

	Grant                endpoint.Endpoint
	Authorisations       endpoint.Endpoint
	RevokeGrant          endpoint.Endpoint
	SigningRules         endpoint.Endpoint
	SetSigningRules      endpoint.Endpoint
	Copy                 endpoint.Endpoint
	Copies               endpoint.Endpoint
	PDF                  endpoint.Endpoint
	Signatures           endpoint.Endpoint
	AttachmentSignatures endpoint.Endpoint
	PutImage             endpoint.Endpoint
	GetImage             endpoint.Endpoint
	Incoming             endpoint.Endpoint
	Refuse               endpoint.Endpoint
	Forward              endpoint.Endpoint
	Propose              endpoint.Endpoint
	Assign               endpoint.Endpoint
	Return               endpoint.Endpoint
	Read                 endpoint.Endpoint
	Registers            endpoint.Endpoint
	Statistics           endpoint.Endpoint
}

// New builds the Set; mw gives each endpoint its middleware (tracing,
// logging, metrics, authentication), applied once. Each route names here,
// once, the scope an integration client needs to call it (auth.NoClient:
// none may).
func New(s app.Service, mw func(name string) endpoint.Middleware) Set {
	wrap := func(name, scope string, e endpoint.Endpoint) endpoint.Endpoint {
		return mw(name)(auth.RequireScope(scope)(e))
	}
	const read, none = auth.ScopeDocumentsRead, auth.NoClient
	return Set{
		Create:  wrap("create_document", none, makeCreate(s)),
		Submit:  wrap("submit_document", none, makeSubmit(s)),
		Approve: wrap("approve_document", none, makeApprove(s)),
		Reject:  wrap("reject_document", none, makeReject(s)),
		Issue:   wrap("issue_document", none, makeIssue(s)),
		Get:     wrap("get_document", read, makeGet(s)),
		List:    wrap("list_documents", read, makeList(s)),
		History: wrap("document_history", read, makeHistory(s)),

		Update:   wrap("update_document", none, makeUpdate(s)),
		Revoke:   wrap("revoke_document", none, makeRevoke(s)),
		Register: wrap("register_document", none, makeRegister(s)),
		Direct:   wrap("direct_document", none, makeDirect(s)),
		Upload:   wrap("add_attachment", none, makeUpload(s)),
		Download: wrap("get_attachment", read, makeDownload(s)),
		Remove:   wrap("remove_attachment", none, makeRemove(s)),
		Report:   wrap("consolidated_report", none, makeReport(s)),

		// Authorisations and signing rules are people's business.
		Grant:                wrap("grant_authorisation", none, makeGrant(s)),
		Authorisations:       wrap("list_authorisations", none, makeListAuthorisations(s)),
		RevokeGrant:          wrap("revoke_authorisation", none, makeRevokeAuthorisation(s)),
		SigningRules:         wrap("get_signing_rules", none, makeGetSigningRules(s)),
		SetSigningRules:      wrap("set_signing_rules", none, makeSetSigningRules(s)),
		Copy:                 wrap("copy_document", none, makeCopy(s)),
		Copies:               wrap("document_copies", read, makeCopies(s)),
		PDF:                  wrap("get_document_pdf", read, makePDF(s)),
		Signatures:           wrap("document_signatures", read, makeSignatures(s)),
		AttachmentSignatures: wrap("attachment_signatures", read, makeAttachmentSignatures(s)),
		PutImage:             wrap("put_signing_image", none, makePutImage(s)),
		GetImage:             wrap("get_signing_image", none, makeGetImage(s)),
		Incoming:             wrap("receive_document", none, makeIncoming(s)),
		Refuse:               wrap("refuse_document", none, makeRefuse(s)),
		Forward:              wrap("forward_document", none, makeRoute(s, domain.StepForward)),
		Propose:              wrap("propose_document", none, makeRoute(s, domain.StepPropose)),
		Assign:               wrap("assign_document", none, makeRoute(s, domain.StepAssign)),
		Return:               wrap("return_document", none, makeReturn(s)),
		Read:                 wrap("read_document", none, makeRead(s)),
		Registers:            wrap("read_register", none, makeBook(s)),
		Statistics:           wrap("document_statistics", none, makeStatistics(s)),
	}
}

// CreateRequest is POST /v1/documents: the body and the Idempotency-Key
// header.
type CreateRequest struct {
	Body           documentsapi.NewDocument
	IdempotencyKey string
}

// IDRequest names a document.
type IDRequest struct{ ID string }

// ApproveRequest is POST /v1/documents/{id}/approve.
type ApproveRequest struct {
	ID   string
	Body documentsapi.Approve
}

// RejectRequest is POST /v1/documents/{id}/reject or /revoke.
type RejectRequest struct {
	ID   string
	Body documentsapi.Reject
}

// ListRequest is GET /v1/documents's query.
type ListRequest struct {
	Box, Kind, Status, Q, Channel                                 string
	Notation, IncomingNumber, Sender, Recipient, Signer, From, To string
	Page                                                          httpx.Page
}

func respond(v app.DocumentView, err error, status int) DocumentResponse {
	if err != nil {
		return DocumentResponse{Err: err}
	}
	return DocumentResponse{Document: viewOf(v), status: status}
}

func makeCreate(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(CreateRequest)
		b := req.Body
		v, err := s.CreateDocument(ctx, app.CreateInput{IdempotencyKey: req.IdempotencyKey, Draft: domain.DraftInput{
			Kind: b.Kind, Summary: b.Summary, Body: b.Body, Urgency: b.Urgency,
			Confidentiality: b.Confidentiality, Recipients: b.Recipients, DueDate: b.DueDate,
			ImplementsDocumentID: b.ImplementsDocumentID, InReplyToDocumentID: b.InReplyToDocumentID,
			Items: itemsIn(b.Items), RequestedMark: b.SigningMark, Normative: b.Normative, DraftingUnitID: b.DraftingUnitID,
			ExternalRecipients: b.ExternalRecipients,
		}})
		return respond(v, err, http.StatusCreated), nil
	}
}

func makeSubmit(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		v, err := s.SubmitDocument(ctx, request.(IDRequest).ID)
		return respond(v, err, http.StatusOK), nil
	}
}

func makeApprove(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ApproveRequest)
		v, err := s.ApproveDocument(ctx, req.ID, app.ApproveInput{SigningMark: req.Body.SigningMark})
		return respond(v, err, http.StatusOK), nil
	}
}

func makeReject(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(RejectRequest)
		v, err := s.RejectDocument(ctx, req.ID, req.Body.Reason)
		return respond(v, err, http.StatusOK), nil
	}
}

func makeIssue(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		v, err := s.IssueDocument(ctx, request.(IDRequest).ID)
		return respond(v, err, http.StatusOK), nil
	}
}

func makeGet(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		v, err := s.GetDocument(ctx, request.(IDRequest).ID)
		return respond(v, err, http.StatusOK), nil
	}
}

func makeList(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ListRequest)
		page, err := s.ListDocuments(ctx, app.ListQuery{
			Box: req.Box, Kind: req.Kind, Status: req.Status, Q: req.Q, Channel: req.Channel,
			Notation: req.Notation, IncomingNumber: req.IncomingNumber, Sender: req.Sender, Recipient: req.Recipient,
			Signer: req.Signer, From: req.From, To: req.To,
			Limit: req.Page.Limit, Cursor: req.Page.Cursor,
		})
		if err != nil {
			return ListResponse{Err: err}, nil
		}
		out := ListResponse{DocumentList: documentsapi.DocumentList{Items: make([]documentsapi.Document, len(page.Items))}}
		for i, it := range page.Items {
			out.Items[i] = documentOf(it.Document, false)
			out.Items[i].ReceiptStatus = string(it.ReceiptStatus)
			if it.ReceiptStatus != "" {
				// Hạn xử lý: the direction's due date, else the document's.
				out.Items[i].HandlingDueDate = cmp.Or(it.DirectionDueDate, it.Document.DueDate)
			}
			if it.ReceiptStatus != "" && it.ReceiptUpdatedAt != nil && out.Items[i].Receipt == nil {
				// The caller's own receipt, as far as a box shows it.
				p, _ := auth.FromContext(ctx)
				out.Items[i].Receipt = &documentsapi.Receipt{AgencyID: p.AgencyID, Status: string(it.ReceiptStatus),
					IncomingNumber: it.IncomingNumber, RegisteredAt: it.RegisteredAt, UpdatedAt: *it.ReceiptUpdatedAt}
			}
		}
		if page.Next != nil {
			out.NextCursor = httpx.EncodeCursor(page.Next...)
		}
		return out, nil
	}
}

func makeHistory(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		hs, err := s.DocumentHistory(ctx, request.(IDRequest).ID)
		if err != nil {
			return HistoryResponse{Err: err}, nil
		}
		out := HistoryResponse{History: documentsapi.History{Items: make([]documentsapi.HistoryEntry, len(hs))}}
		for i, h := range hs {
			out.Items[i] = documentsapi.HistoryEntry{ID: h.ID, Action: string(h.Action), FromStatus: string(h.From), ToStatus: string(h.To),
				ActorID: h.ActorID, ActorName: h.ActorName, At: h.At, TraceID: h.TraceID, Reason: h.Reason}
		}
		return out, nil
	}
}
