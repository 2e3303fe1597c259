package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/edxml"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

// queueStatus records status code as sent for an incoming package p and
// queues its edXML status message to the sender; a code sent before is not
// sent again. A package too broken to name its sender gets none.
func (a *App) queueStatus(ctx context.Context, w Writes, p domain.Package, code, note string) error {
	now := a.now()
	added, err := w.AddStatus(ctx, p.ID, domain.Status{Code: code, Name: edxml.StatusName(code), Direction: domain.StatusSent, At: now, Note: note})
	if err != nil || !added {
		return err
	}
	if p.OrganisationCode == "" || p.OurCode == "" {
		a.log.WarnContext(ctx, "no status sent: the package names no sender or addressee", "package_id", p.ID, "status", code)
		return nil
	}
	body, err := edxml.BuildStatus(edxml.Status{
		From: edxml.Organisation{ID: p.OurCode},
		ResponseFor: edxml.Reference{OrganID: p.OrganisationCode, Code: edxml.Code{Number: p.CodeNumber, Notation: p.CodeNotation},
			DocumentID: p.EdxmlDocumentID, PromulgationDate: p.PromulgationDate},
		Code: code, Description: note, Timestamp: now,
	})
	if err != nil {
		// A package too broken to answer in edXML (no DocumentId, no
		// code): recorded, and told to no one.
		a.log.WarnContext(ctx, "status not built", "package_id", p.ID, "status", code, "error", err)
		return nil
	}
	return w.QueueMessage(ctx, domain.Message{ID: uuid.NewString(), PackageID: p.ID, Type: domain.MessageStatus,
		From: p.OurCode, To: p.OrganisationCode, Body: body}, now)
}

// statusReceived records a status message about one of our outgoing
// packages: its statuses, its state, exchange.status_received. A repeat
// changes nothing; a status naming no package of ours is ErrNotForUs.
func (a *App) statusReceived(ctx context.Context, st edxml.Status) error {
	p, err := a.store.PackageByEdxmlID(ctx, domain.Out, st.From.ID, st.ResponseFor.DocumentID)
	if errors.Is(err, apperr.ErrNotFound) {
		// The sender of a package we received writes about it (13: it asks
		// to take it back): kept among its statuses; its state stays.
		in, ierr := a.store.PackageByEdxmlID(ctx, domain.In, st.From.ID, st.ResponseFor.DocumentID)
		if ierr == nil {
			return a.store.InTx(ctx, func(ctx context.Context, w Writes) error {
				_, err := w.AddStatus(ctx, in.ID, domain.Status{Code: st.Code, Name: edxml.StatusName(st.Code),
					Direction: domain.StatusReceived, At: a.atOf(st), Note: st.Description})
				return err
			})
		}
		return fmt.Errorf("%w (%s from %s)", ErrNotForUs, st.ResponseFor.DocumentID, st.From.ID)
	}
	if err != nil {
		return err
	}
	at := a.atOf(st)
	name := edxml.StatusName(st.Code)
	return a.store.InTx(ctx, func(ctx context.Context, w Writes) error {
		added, err := w.AddStatus(ctx, p.ID, domain.Status{Code: st.Code, Name: name, Direction: domain.StatusReceived, At: at, Note: st.Description})
		if err != nil || !added {
			return err
		}
		if name != "" {
			p.State = name
		}
		p.UpdatedAt = a.now()
		if err := w.SavePackage(ctx, p); err != nil {
			return err
		}
		return a.emit(ctx, w, events.ExchangeStatusReceived, p.ID, &eventsv1.ExchangeStatusReceived{PackageId: p.ID,
			DocumentId: p.DocumentID, IssuerUnitId: p.IssuerUnitID, FromCode: st.From.ID, StatusCode: st.Code,
			StatusName: name, Description: st.Description, At: rfc3339(at), Notation: p.Notation})
	})
}

// DocumentEvent is one of documents' events about an incoming document
// that came as package PackageID.
type DocumentEvent struct {
	PackageID  string
	DocumentID string
	// Code is the status it makes (03 registered …); "" for
	// document.received, which only names the document.
	Code   string
	Reason string
}

// DocumentChanged records what documents did with an incoming package's
// document and queues the matching status to its sender, in the consumer's
// transaction w. An unknown package is permanent (it is not ours).
func (a *App) DocumentChanged(ctx context.Context, w Writes, e DocumentEvent) error {
	p, err := w.Package(ctx, e.PackageID)
	if err != nil {
		return err
	}
	if p.Direction != domain.In {
		return fmt.Errorf("package %s is not an incoming one: %w", p.ID, apperr.ErrInvalid)
	}
	if e.DocumentID != "" && p.DocumentID != e.DocumentID {
		p.DocumentID, p.UpdatedAt = e.DocumentID, a.now()
		if err := w.SavePackage(ctx, p); err != nil {
			return err
		}
	}
	if e.Code == "" {
		return nil
	}
	return a.queueStatus(ctx, w, p, e.Code, e.Reason)
}

// atOf is when a status says it happened, else now.
func (a *App) atOf(st edxml.Status) time.Time {
	if st.Timestamp.IsZero() {
		return a.now()
	}
	return st.Timestamp
}
