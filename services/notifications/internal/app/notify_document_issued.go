package app

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/recipients"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// DocumentIssued are the facts of a document.issued event.
type DocumentIssued struct {
	DocumentID       string
	Kind             string
	Notation         string
	IssuerUnitID     string
	RecipientUnitIDs []string
	Urgency          string
	Confidentiality  string
	Summary          string
	DueDate          string
}

// DocumentIssued tells the clerks of each recipient agency that a document
// arrived for them to register (DOMAIN.md: the recipients' clerks). Each
// agency is told once however many of its units are named; the issuing
// agency's own divisions get no receipt, so its clerks are not told. The
// urgency orders the e-mails (urgent first). A document that is not of
// normal confidentiality is named without its summary.
func (n *Notifier) DocumentIssued(ctx context.Context, st NotifyStore, ev Event, d DocumentIssued) error {
	about := "document " + d.DocumentID
	issuer, err := recipients.New(st).AgencyOf(ctx, d.IssuerUnitID)
	if err != nil {
		return fmt.Errorf("%s: %w", about, lag(err))
	}
	seen := map[string]bool{issuer.ID: true}
	u := domain.ParseUrgency(d.Urgency)
	confidential := d.Confidentiality != "" && d.Confidentiality != "normal"
	for _, r := range d.RecipientUnitIDs {
		agency, clerks, err := recipients.New(st).ClerksOf(ctx, r)
		if err != nil {
			return fmt.Errorf("%s: %w", about, lag(err))
		}
		if seen[agency.ID] {
			continue
		}
		seen[agency.ID] = true
		msg := templates.DocumentArrived{
			DocumentID: d.DocumentID, Notation: d.Notation, Kind: d.Kind, Date: ev.Time,
			IssuerName: unitName(issuer), AgencyName: unitName(agency), Summary: d.Summary,
			DueDate: d.DueDate, Urgency: u, Confidential: confidential,
		}.Render()
		if err := n.notify(ctx, st, ev, domain.TypeDocumentArrived, about+" to "+agency.ID, clerks, msg, u); err != nil {
			return err
		}
	}
	return nil
}
