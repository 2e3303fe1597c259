package app

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/recipients"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// DocumentReceived are the facts of a document.received event: a document
// from outside the deployment at one of its agencies.
type DocumentReceived struct {
	DocumentID        string
	RecipientAgencyID string
	Channel           string
	SenderName        string
	Notation          string
	Kind              string
	Summary           string
	Urgency           string
	Confidentiality   string
}

// DocumentReceived tells the clerks of the agency a package came to by
// exchange, as DocumentIssued tells them of an internal one: it waits for
// them to register it. A paper document was registered by a clerk as it
// came in, so nobody is told.
func (n *Notifier) DocumentReceived(ctx context.Context, st NotifyStore, ev Event, d DocumentReceived) error {
	if d.Channel != "exchange" {
		return nil
	}
	about := "document " + d.DocumentID
	agency, clerks, err := recipients.New(st).ClerksOf(ctx, d.RecipientAgencyID)
	if err != nil {
		return fmt.Errorf("%s: %w", about, lag(err))
	}
	u := domain.ParseUrgency(d.Urgency)
	msg := templates.DocumentArrived{
		DocumentID: d.DocumentID, Notation: d.Notation, Kind: d.Kind,
		IssuerName: d.SenderName, AgencyName: unitName(agency), Summary: d.Summary, Urgency: u,
		Confidential: d.Confidentiality != "" && d.Confidentiality != "normal",
	}.Render()
	return n.notify(ctx, st, ev, domain.TypeDocumentArrived, about+" to "+agency.ID, clerks, msg, u)
}
