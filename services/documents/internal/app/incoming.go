package app

import (
	"time"

	"context"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// IncomingInput is a paper (or e-mailed) document a clerk registers, and
// the request's optional Idempotency-Key.
type IncomingInput struct {
	Document       domain.IncomingInput
	IdempotencyKey string
}

// ReceiveDocument registers a document that reached the caller's agency on
// paper or by e-mail (POST /v1/documents/incoming): it becomes an incoming
// document with no issuing unit of ours, its receipt registered at once
// with the next number of the agency's incoming series (the confidential
// one above normal), exactly as a clerk registers an internal one, and
// flows on from there (direction, tasks, reports). document.received and
// document.registered commit with it.
func (s *service) ReceiveDocument(ctx context.Context, ci IncomingInput) (DocumentView, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	if !a.Has(domain.RoleClerk) || a.AgencyID == "" {
		return DocumentView{}, apperr.Forbidden("only a clerk of an agency registers a document that came in")
	}
	in := ci.Document
	in.Channel, in.ExchangePackageID = domain.ChannelPaper, ""
	in.Normalize()
	if err := in.Validate(s.now().In(domain.Zone).Format(domain.DateLayout)); err != nil {
		return DocumentView{}, err
	}
	if in.Sender.OrganisationCode != "" && in.Sender.Name == "" {
		if in.Sender.Name, err = s.organisationName(ctx, p.Token, in.Sender.OrganisationCode, "sender.organisation_code"); err != nil {
			return DocumentView{}, err
		}
	}
	key, err := newKey(ci.IdempotencyKey, a.UserID, "incoming", in)
	if err != nil {
		return DocumentView{}, err
	}
	if v, done, err := s.replayDocument(ctx, a, key); done || err != nil {
		return v, err
	}
	id, _, err := s.st.ReceiveDocument(ctx, key, func(ctx context.Context, w Writes) (NewIncoming, error) {
		now := s.now()
		d, err := domain.NewIncoming(newID(), in, a.AgencyID, domain.Person{UserID: a.UserID, FullName: a.Name}, now)
		if err != nil {
			return NewIncoming{}, err
		}
		r := domain.NewReceipts(d, now)[0]
		n, err := w.NextNumber(ctx, r.AgencyID, domain.NumberingYear(now), domain.IncomingSeriesFor(d))
		if err != nil {
			return NewIncoming{}, err
		}
		reg, err := r.Register(a, d, n, now)
		if err != nil {
			return NewIncoming{}, err
		}
		got := received(a, d, now)
		got.TraceID, reg.TraceID = traceID(ctx), traceID(ctx)
		evs, err := s.receivedEvents(ctx, d, r)
		if err != nil {
			return NewIncoming{}, err
		}
		return NewIncoming{Document: d, Receipt: r, History: []domain.HistoryEntry{got, reg}, Events: evs}, nil
	})
	if err != nil {
		return DocumentView{}, err
	}
	return s.documentView(ctx, a, id)
}

// received is the history entry of a document entering the agency.
func received(a domain.Actor, d domain.Document, now time.Time) domain.HistoryEntry {
	return domain.HistoryEntry{DocumentID: d.ID, Action: domain.ActionReceive, To: domain.StatusIssued,
		ActorID: a.UserID, ActorName: a.Name, At: now}
}

// receivedEvents are document.received and, for a receipt registered at
// once, document.registered.
func (s *service) receivedEvents(ctx context.Context, d domain.Document, r domain.Receipt) ([]envelope.Event, error) {
	evs, err := s.event(ctx, events.DocumentReceived, d, &eventsv1.DocumentReceived{
		DocumentId: d.ID, ReceiptId: r.ID(), RecipientAgencyId: r.AgencyID, Channel: string(d.Channel),
		ExchangePackageId: d.ExchangePackageID, SenderCode: d.Sender.OrganisationCode, SenderName: d.Sender.Name,
		OriginalNotation: d.OriginalNotation, Kind: string(d.Kind), Summary: openSummary(d), Urgency: string(d.Urgency),
		Confidentiality: string(d.Confidentiality), IncomingNumber: r.IncomingNumber,
	})
	if err != nil || r.Status != domain.ReceiptRegistered {
		return evs, err
	}
	reg, err := s.event(ctx, events.DocumentRegistered, d, registeredPayload(d, r))
	return append(evs, reg...), err
}

// registeredPayload is document.registered of r.
func registeredPayload(d domain.Document, r domain.Receipt) *eventsv1.DocumentRegistered {
	return &eventsv1.DocumentRegistered{
		DocumentId: d.ID, ReceiptId: r.ID(), RecipientAgencyId: r.AgencyID, IncomingNumber: r.IncomingNumber,
		RegisteredBy: r.RegisteredBy, Notation: d.Notation, Urgency: string(d.Urgency), Confidentiality: string(d.Confidentiality),
		Channel: string(channelOf(d)), ExchangePackageId: d.ExchangePackageID,
	}
}

// channelOf is d's channel; internal when none is recorded.
func channelOf(d domain.Document) domain.Channel {
	if d.Channel == "" {
		return domain.ChannelInternal
	}
	return d.Channel
}
