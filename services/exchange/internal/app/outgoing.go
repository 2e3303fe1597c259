package app

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

// Issued is document.issued as the outgoing side needs it.
type Issued struct {
	DocumentID, IssuerUnitID, Notation, Summary string
	RecipientCodes                              []string
}

// DocumentIssued makes one outgoing package per external recipient of an
// issued document, waiting for its signed PDF, in the consumer's
// transaction w. A repeat finds them made.
func (a *App) DocumentIssued(ctx context.Context, w Writes, d Issued) error {
	if len(d.RecipientCodes) == 0 {
		return nil
	}
	issuer, err := w.Unit(ctx, d.IssuerUnitID)
	if err != nil {
		return err // the read model lags: retried
	}
	agency := issuer
	if issuer.AgencyID != issuer.ID {
		if agency, err = w.Unit(ctx, issuer.AgencyID); err != nil {
			return err
		}
	}
	now := a.now()
	for _, code := range d.RecipientCodes {
		name := code
		if o, err := w.Organisation(ctx, code); err == nil {
			name = o.Name
		} else if !errors.Is(err, apperr.ErrNotFound) {
			return err
		}
		p := domain.Package{ID: uuid.NewString(), Direction: domain.Out, OrganisationCode: code, OrganisationName: name,
			AgencyID: agency.ID, OurCode: agency.Code, IssuerUnitID: d.IssuerUnitID, DocumentID: d.DocumentID,
			EdxmlDocumentID: uuid.NewString(), Notation: d.Notation, Subject: d.Summary, State: domain.StateWaitingPDF,
			Signature: domain.SignatureUnsigned, CreatedAt: now, UpdatedAt: now}
		p.CodeNumber, p.CodeNotation, _ = strings.Cut(d.Notation, "/")
		if _, err := w.AddPackage(ctx, p, "out:"+d.DocumentID+":"+code); err != nil {
			return err
		}
	}
	return nil
}

// PDFReady moves an issued document's packages on to be built, in the
// consumer's transaction w: the builder (Build) then fetches and builds them.
func (a *App) PDFReady(ctx context.Context, w Writes, documentID string) error {
	ps, err := w.Packages(ctx, PackageQuery{Direction: domain.Out, DocumentID: documentID, State: domain.StateWaitingPDF, Limit: 500})
	if err != nil {
		return err
	}
	for _, p := range ps {
		p.State, p.UpdatedAt = domain.StateBuilding, a.now()
		if _, err := w.MovePackage(ctx, p, domain.StateWaitingPDF); err != nil {
			return err
		}
	}
	return nil
}

// BuildPending builds the packages whose PDF is ready: it fetches the
// document and its files from documents, builds the edXML, stores it and
// queues it for the sender. A failure leaves the package to the next turn.
func (a *App) BuildPending(ctx context.Context) (int, error) {
	ps, err := a.store.PackagesInState(ctx, domain.StateBuilding, 20)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, p := range ps {
		if err := a.build(ctx, p); err != nil {
			a.log.WarnContext(ctx, "package not built yet", "package_id", p.ID, "document_id", p.DocumentID, "error", err)
			continue
		}
		n++
	}
	return n, nil
}

func (a *App) build(ctx context.Context, p domain.Package) error {
	doc, err := a.docs.Issued(ctx, p.DocumentID)
	if err != nil {
		return err
	}
	pk := edxml.Package{
		From: edxml.Organisation{ID: p.OurCode}, To: []edxml.Organisation{{ID: p.OrganisationCode, Name: p.OrganisationName}},
		DocumentID: p.EdxmlDocumentID, Code: edxml.Code{Number: p.CodeNumber, Notation: p.CodeNotation},
		PromulgationDate: doc.IssuedAt.Format("2006-01-02"), Type: edxml.DocumentType{TypeName: doc.KindName},
		Subject: doc.Summary, Signer: edxml.Signer{Competence: doc.SignerMark, Position: doc.SignerPosition, FullName: doc.SignerName},
		DueDate: doc.DueDate, Priority: edxml.PriorityOf(doc.Urgency), PageAmount: doc.Pages, PromulgationAmount: 1,
		BusinessKind: "new",
	}
	if u, err := a.store.Unit(ctx, p.AgencyID); err == nil {
		pk.From.Name = u.Name
		pk.Place = u.PlaceName
	}
	for i, f := range doc.Files {
		pk.Attachments = append(pk.Attachments, edxml.Attachment{ContentID: "cid:" + strconv.Itoa(i+1), Name: f.Name,
			ContentType: f.ContentType, Data: f.Data})
	}
	body, err := edxml.Build(pk)
	if err != nil {
		return err
	}
	sum, _, err := a.blobs.Put(ctx, bytes.NewReader(body))
	if err != nil {
		return err
	}
	now := a.now()
	return a.store.InTx(ctx, func(ctx context.Context, w Writes) error {
		p.State, p.BodySHA256, p.PromulgationDate, p.UpdatedAt = domain.StateQueued, sum, pk.PromulgationDate, now
		if moved, err := w.MovePackage(ctx, p, domain.StateBuilding); err != nil || !moved {
			return err // built by another process
		}
		return w.QueueMessage(ctx, domain.Message{ID: uuid.NewString(), PackageID: p.ID, Type: domain.MessageEdoc,
			From: p.OurCode, To: p.OrganisationCode}, now)
	})
}
