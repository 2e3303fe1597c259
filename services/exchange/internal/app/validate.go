package app

import (
	"bytes"
	"context"
	"errors"
	"path"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/signing"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

// Validate decides a kept package: accepted (its files stored, their
// signatures checked, exchange.document_received, status 01 queued to the
// sender) or refused (its reason, exchange.package_refused, status 02
// queued). A package whose DocumentId this sender sent before answers the
// first one's result, and the repeat is forgotten.
func (a *App) Validate(ctx context.Context, id string) (domain.Package, error) {
	p, err := a.store.Package(ctx, id)
	if err != nil || p.State != domain.StateReceived {
		return p, err
	}
	body, err := a.readBlob(ctx, p.BodySHA256)
	if err != nil {
		return p, err
	}
	pk, _, err := edxml.Read(bytes.NewReader(body), a.limits)
	var bad *edxml.Error
	switch {
	case errors.As(err, &bad):
		return a.refuse(ctx, p, nil, bad.Reason)
	case err != nil:
		return a.refuse(ctx, p, nil, err.Error())
	case pk == nil:
		return a.refuse(ctx, p, nil, "a status message where a package was expected")
	}
	describe(&p, pk)
	// A repeat of an accepted package answers the first; after a refusal
	// the sender may send the same DocumentId again, corrected.
	if first, err := a.store.PackageByEdxmlID(ctx, domain.In, p.OrganisationCode, p.EdxmlDocumentID); err == nil && first.ID != p.ID && first.State == domain.StateAccepted {
		return first, a.store.InTx(ctx, func(ctx context.Context, w Writes) error { return w.DeletePackage(ctx, p.ID) })
	} else if err != nil && !errors.Is(err, apperr.ErrNotFound) {
		return p, err
	}
	var agency identityview.Unit
	var codes []string
	for _, to := range pk.To {
		codes = append(codes, to.ID)
		u, err := a.ourAgency(ctx, to.ID)
		if err == nil {
			agency = u
			break
		}
		if !errors.Is(err, identityview.ErrNotFound) {
			return p, err // identity unreachable: decide later
		}
	}
	if agency.ID == "" {
		return a.refuse(ctx, p, pk, "unknown addressee: addressed to no agency of this system ("+strings.Join(codes, ", ")+")")
	}
	p.AgencyID, p.OurCode = agency.ID, agency.Code
	p.Files = p.Files[:0]
	p.Signature = ""
	for i, att := range pk.Attachments {
		sum, size, err := a.blobs.Put(ctx, bytes.NewReader(att.Data))
		if err != nil {
			return p, err
		}
		f := domain.File{Index: i, Name: att.Name, ContentType: att.ContentType, Size: size, SHA256: sum, Signature: domain.SignatureUnsigned}
		if isPDF(att) {
			f.Signature = pdfSignature(att.Data)
		}
		p.Files = append(p.Files, f)
		p.Signature = combine(p.Signature, f.Signature)
	}
	if p.Signature == "" {
		p.Signature = domain.SignatureUnsigned
	}
	return a.accept(ctx, p, pk)
}

func isPDF(att edxml.Attachment) bool {
	return strings.EqualFold(att.ContentType, "application/pdf") || strings.EqualFold(path.Ext(att.Name), ".pdf") ||
		bytes.HasPrefix(att.Data, []byte("%PDF-"))
}

// pdfSignature is valid when the PDF carries signatures and all check out,
// invalid when one does not (or the PDF does not read), unsigned otherwise.
func pdfSignature(data []byte) string {
	infos, err := signing.Verify(data, nil)
	if err != nil {
		return domain.SignatureInvalid
	}
	if len(infos) == 0 {
		return domain.SignatureUnsigned
	}
	for _, s := range infos {
		if !s.Valid {
			return domain.SignatureInvalid
		}
	}
	return domain.SignatureValid
}

// combine is a package's result: invalid beats valid beats unsigned.
func combine(acc, f string) string {
	switch {
	case acc == domain.SignatureInvalid || f == domain.SignatureInvalid:
		return domain.SignatureInvalid
	case acc == domain.SignatureValid || f == domain.SignatureValid:
		return domain.SignatureValid
	}
	return domain.SignatureUnsigned
}

func (a *App) accept(ctx context.Context, p domain.Package, pk *edxml.Package) (domain.Package, error) {
	now := a.now()
	p.State, p.UpdatedAt = domain.StateAccepted, now
	ev := &eventsv1.ExchangeDocumentReceived{PackageId: p.ID, RecipientAgencyId: p.AgencyID, RecipientCode: p.OurCode,
		SenderCode: p.OrganisationCode, SenderName: p.OrganisationName, EdxmlDocumentId: p.EdxmlDocumentID,
		CodeNumber: p.CodeNumber, CodeNotation: p.CodeNotation, OriginalNotation: p.Notation,
		PromulgationDate: pk.PromulgationDate, Place: pk.Place, TypeName: pk.Type.TypeName, TypeCode: pk.Type.Type,
		Summary: pk.Subject, Urgency: edxml.UrgencyOf(pk.Priority), DueDate: pk.DueDate, SignerName: pk.Signer.FullName,
		SignerCompetence: pk.Signer.Competence, SignerPosition: pk.Signer.Position, Signature: p.Signature,
		ReceivedAt: rfc3339(p.CreatedAt), SteeringType: int32(pk.SteeringType), Pages: int32(pk.PageAmount)}
	if len(pk.ResponseFor) > 0 {
		ev.ResponseForDocumentId = pk.ResponseFor[0].DocumentID
	}
	for _, f := range p.Files {
		ev.Files = append(ev.Files, &eventsv1.ExchangeFile{Index: int32(f.Index), Name: f.Name, ContentType: f.ContentType,
			Size: f.Size, Sha256: f.SHA256, Signature: f.Signature})
	}
	err := a.store.InTx(ctx, func(ctx context.Context, w Writes) error {
		if moved, err := w.MovePackage(ctx, p, domain.StateReceived); err != nil || !moved {
			return err // decided by another process
		}
		if err := a.emit(ctx, w, events.ExchangeDocumentReceived, p.ID, ev); err != nil {
			return err
		}
		return a.queueStatus(ctx, w, p, "01", "")
	})
	if err != nil {
		return p, err
	}
	return a.store.Package(ctx, p.ID)
}

func (a *App) refuse(ctx context.Context, p domain.Package, pk *edxml.Package, reason string) (domain.Package, error) {
	now := a.now()
	p.State, p.Reason, p.UpdatedAt = domain.StateRefused, reason, now
	if pk != nil {
		for _, to := range pk.To {
			if u, err := a.store.AgencyByCode(ctx, to.ID); err == nil {
				p.AgencyID, p.OurCode = u.ID, u.Code
				break
			}
		}
		if p.OurCode == "" && len(pk.To) > 0 {
			p.OurCode = pk.To[0].ID // answer as the addressee named
		}
	} else if p.AgencyID == "" && p.OurCode != "" {
		// Unreadable, but its header named one of ours: its clerks see it.
		if u, err := a.store.AgencyByCode(ctx, p.OurCode); err == nil {
			p.AgencyID = u.ID
		}
	}
	ev := &eventsv1.ExchangePackageRefused{PackageId: p.ID, RecipientAgencyId: p.AgencyID, RecipientCode: p.OurCode,
		SenderCode: p.OrganisationCode, EdxmlDocumentId: p.EdxmlDocumentID, OriginalNotation: p.Notation,
		Reason: reason, ReceivedAt: rfc3339(p.CreatedAt)}
	err := a.store.InTx(ctx, func(ctx context.Context, w Writes) error {
		if moved, err := w.MovePackage(ctx, p, domain.StateReceived); err != nil || !moved {
			return err // decided by another process
		}
		if err := a.emit(ctx, w, events.ExchangePackageRefused, p.ID, ev); err != nil {
			return err
		}
		return a.queueStatus(ctx, w, p, "02", reason)
	})
	if err != nil {
		return p, err
	}
	return a.store.Package(ctx, p.ID)
}
