package endpoint

import (
	"encoding/json"
	"net/http"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// documentOf is d's wire form; lists leave the body out.
func documentOf(d domain.Document, withBody bool) documentsapi.Document {
	info, _ := d.Kind.Info()
	out := documentsapi.Document{
		ID: d.ID, Kind: string(d.Kind), KindName: info.Name, Status: string(d.Status),
		IssuerUnitID: d.IssuerUnitID, DraftingUnitID: d.DraftingUnitID,
		Drafter: documentsapi.Person{UserID: d.Drafter.UserID, FullName: d.Drafter.FullName},
		Summary: d.Summary, Urgency: string(d.Urgency), Confidentiality: string(d.Confidentiality),
		Recipients: d.RecipientIDs(), DueDate: d.DueDate,
		ImplementsDocumentID: d.ImplementsDocumentID, InReplyToDocumentID: d.InReplyToDocumentID,
		ApprovedAt: d.ApprovedAt, Number: d.Number, Notation: d.Notation, IssuedAt: d.IssuedAt, IssuedBy: d.IssuedBy,
		CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
		RevokedAt: d.RevokedAt, RevokedBy: d.RevokedBy, RevokeReason: d.RevokeReason,
		SigningMark: string(d.RequestedMark),
		Normative:   d.Normative, CopyOfDocumentID: d.CopyOf, CopyForm: string(d.CopyForm),
		CopyExtract: d.CopyExtract, CopyNote: d.CopyNote,
		Channel: string(d.Channel), OriginalNotation: d.OriginalNotation, OriginalDate: d.OriginalDate,
		Pages: d.Pages, ExchangePackageID: d.ExchangePackageID,
	}
	if out.Channel == "" {
		out.Channel = string(domain.ChannelInternal)
	}
	if d.Channel.External() {
		out.Sender = &documentsapi.Sender{OrganisationCode: d.Sender.OrganisationCode, Name: d.Sender.Name}
		if sg := d.ExternalSigner; sg.FullName != "" {
			out.ExternalSigner = &documentsapi.ExternalSigner{FullName: sg.FullName, Competence: sg.Competence, Position: sg.Position}
		}
	}
	for _, r := range d.ExternalRecipients {
		out.ExternalRecipients = append(out.ExternalRecipients, documentsapi.ExternalRecipient{Code: r.Code, Name: r.Name})
	}
	if len(d.Items) > 0 {
		out.Items = itemsOut(d.Items)
	}
	if withBody {
		body := d.Body
		out.Body = &body
	}
	if d.Signer != nil {
		sg := d.Signer
		out.Signer = &documentsapi.Signer{UserID: sg.UserID, FullName: sg.FullName, Title: sg.Title,
			SigningMark: string(sg.SigningMark), MarkLine: sg.MarkLine, PositionLine: sg.PositionLine,
			AuthorisationID: sg.AuthorisationID}
		if sg.AuthorisedByID != "" {
			out.Signer.AuthorisedBy = &documentsapi.Person{UserID: sg.AuthorisedByID, FullName: sg.AuthorisedByName}
		}
	}
	return out
}

func receiptOf(r domain.Receipt) documentsapi.Receipt {
	out := documentsapi.Receipt{AgencyID: r.AgencyID, Status: string(r.Status), IncomingNumber: r.IncomingNumber,
		RegisteredAt: r.RegisteredAt, RegisteredBy: r.RegisteredBy, UpdatedAt: r.UpdatedAt,
		RefusedAt: r.RefusedAt, RefusedBy: r.RefusedBy, RefuseReason: r.RefuseReason}
	if d := r.Direction; d != nil {
		out.Direction = &documentsapi.Direction{LeadUnitID: d.LeadUnitID, CooperatingUnitIDs: d.CooperatingUnitIDs,
			DueDate: d.DueDate, Note: d.Note, DirectedBy: d.DirectedBy, DirectedAt: d.DirectedAt}
		out.Direction.LeadUserID = d.LeadUserID
		for _, c := range d.CooperatingUsers {
			out.Direction.CooperatingUserIDs = append(out.Direction.CooperatingUserIDs, c.UserID)
		}
	}
	return out
}

func viewOf(v app.DocumentView) documentsapi.Document {
	out := documentOf(v.Document, true)
	out.PDF = pdfOf(v.PDF)
	for _, a := range v.Attachments {
		out.Attachments = append(out.Attachments, attachmentOf(a))
	}
	for _, r := range v.Receipts {
		out.Receipts = append(out.Receipts, receiptOf(r))
	}
	if v.Receipt != nil {
		r := receiptOf(*v.Receipt)
		out.Receipt = &r
	}
	for _, st := range v.Routing {
		out.Routing = append(out.Routing, stepOf(st))
	}
	for _, k := range v.RoutingActions {
		out.RoutingActions = append(out.RoutingActions, string(k))
	}
	return out
}

// DocumentResponse answers with one document, or carries the business error.
type DocumentResponse struct {
	Document documentsapi.Document
	Err      error
	status   int
}

func (r DocumentResponse) Failed() error { return r.Err }

func (r DocumentResponse) StatusCode() int {
	if r.status == 0 {
		return http.StatusOK
	}
	return r.status
}

func (r DocumentResponse) MarshalJSON() ([]byte, error) { return json.Marshal(r.Document) }

// ListResponse is a page of a box.
type ListResponse struct {
	documentsapi.DocumentList
	Err error `json:"-"`
}

func (r ListResponse) Failed() error { return r.Err }

// HistoryResponse lists a document's steps, oldest first.
type HistoryResponse struct {
	documentsapi.History
	Err error `json:"-"`
}

func (r HistoryResponse) Failed() error { return r.Err }

func stepOf(s domain.RoutingStep) documentsapi.RoutingStep {
	out := documentsapi.RoutingStep{ID: s.ID, Kind: string(s.Kind), FromUserID: s.FromUserID, FromName: s.FromName,
		ToUserID: s.ToUserID, ToName: s.ToName, ToUnitID: s.ToUnitID, Note: s.Note, DueDate: s.DueDate, At: s.At}
	for _, a := range s.Cooperating {
		out.Cooperating = append(out.Cooperating, documentsapi.Addressee{UnitID: a.UnitID, UserID: a.UserID})
	}
	for _, a := range s.Informed {
		out.Informed = append(out.Informed, documentsapi.Addressee{UnitID: a.UnitID, UserID: a.UserID})
	}
	return out
}
