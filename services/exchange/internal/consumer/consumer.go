// Package consumer turns consumed events into the exchange service's use
// cases: identity's units keep the read model of this deployment's
// agencies (pkg/identityview); documents' events make outgoing packages and
// the status messages back to the senders of incoming ones. Every handler
// runs in the consumer's inbox transaction; an event that can never be
// handled goes to the dead-letter topic, anything else is retried.
package consumer

import (
	"context"
	"errors"

	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
)

// Groups of the exchange service.
const (
	GroupIdentity  = "exchange-identity"
	GroupDocuments = "exchange-documents"
)

// UseCases are the application's event-driven use cases.
type UseCases interface {
	DocumentIssued(ctx context.Context, w app.Writes, d app.Issued) error
	PDFReady(ctx context.Context, w app.Writes, documentID string) error
	DocumentChanged(ctx context.Context, w app.Writes, e app.DocumentEvent) error
}

// Handlers are the message handlers of the exchange service.
type Handlers struct {
	uc   UseCases
	bind func(*store.Tx) app.Writes
}

// New returns the handlers over uc; bind gives the use cases the store's
// writes in the consumer's inbox transaction.
func New(uc UseCases, bind func(*store.Tx) app.Writes) Handlers { return Handlers{uc: uc, bind: bind} }

// Identity keeps the read model of units.
func (h Handlers) Identity() map[string]messaging.Handler { return identityview.Handlers() }

// Documents are the handlers of documents' events.
func (h Handlers) Documents() map[string]messaging.Handler {
	return map[string]messaging.Handler{
		events.DocumentIssued:   h.issued,
		events.DocumentPdfReady: h.pdfReady,
		events.DocumentReceived: changed(h, func(m *eventsv1.DocumentReceived) app.DocumentEvent {
			return app.DocumentEvent{PackageID: m.ExchangePackageId, DocumentID: m.DocumentId}
		}),
		events.DocumentRegistered: changed(h, func(m *eventsv1.DocumentRegistered) app.DocumentEvent {
			return app.DocumentEvent{PackageID: m.ExchangePackageId, DocumentID: m.DocumentId, Code: "03"}
		}),
		events.DocumentDirected: changed(h, func(m *eventsv1.DocumentDirected) app.DocumentEvent {
			return app.DocumentEvent{PackageID: m.ExchangePackageId, DocumentID: m.DocumentId, Code: "04"}
		}),
		events.DocumentHandling: changed(h, func(m *eventsv1.DocumentHandling) app.DocumentEvent {
			return app.DocumentEvent{PackageID: m.ExchangePackageId, DocumentID: m.DocumentId, Code: "05"}
		}),
		events.DocumentCompleted: changed(h, func(m *eventsv1.DocumentCompleted) app.DocumentEvent {
			return app.DocumentEvent{PackageID: m.ExchangePackageId, DocumentID: m.DocumentId, Code: "06"}
		}),
		events.DocumentRefused: changed(h, func(m *eventsv1.DocumentRefused) app.DocumentEvent {
			return app.DocumentEvent{PackageID: m.ExchangePackageId, DocumentID: m.DocumentId, Code: "02", Reason: m.Reason}
		}),
	}
}

// decode reads ev's payload; one that does not decode never will.
func decode(ev envelope.Event, msg proto.Message) error {
	if err := ev.Decode(msg); err != nil {
		return messaging.Permanent(err)
	}
	return nil
}

// permanent marks errors no retry fixes: invalid input, an unknown package.
func permanent(err error) error {
	if errors.Is(err, apperr.ErrInvalid) || errors.Is(err, apperr.ErrNotFound) {
		return messaging.Permanent(err)
	}
	return err
}

func (h Handlers) issued(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var m eventsv1.DocumentIssued
	if err := decode(ev, &m); err != nil {
		return err
	}
	if len(m.ExternalRecipientCodes) == 0 {
		return nil
	}
	err := h.uc.DocumentIssued(ctx, h.bind(tx), app.Issued{DocumentID: m.DocumentId, IssuerUnitID: m.IssuerUnitId,
		Notation: m.Notation, Summary: m.Summary, RecipientCodes: m.ExternalRecipientCodes})
	if errors.Is(err, identityview.ErrNotFound) {
		// Documents issues for units identity has announced only, so an
		// issuer missing here is our read model behind identity's topic:
		// wait for it (at a first start, for minutes), never dead-letter
		// the document for the retry budget.
		return messaging.Lagging(err)
	}
	return err
}

func (h Handlers) pdfReady(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
	var m eventsv1.DocumentPdfReady
	if err := decode(ev, &m); err != nil {
		return err
	}
	return h.uc.PDFReady(ctx, h.bind(tx), m.DocumentId)
}

// packaged is a documents event that may name an exchange package.
type packaged interface {
	proto.Message
	GetExchangePackageId() string
}

// changed handles a documents event about an incoming document; those not
// from an exchange package are not ours.
func changed[M packaged](h Handlers, of func(M) app.DocumentEvent) messaging.Handler {
	return func(ctx context.Context, tx *store.Tx, ev envelope.Event) error {
		var m M
		m = m.ProtoReflect().New().Interface().(M)
		if err := decode(ev, m); err != nil {
			return err
		}
		if m.GetExchangePackageId() == "" {
			return nil
		}
		return permanent(h.uc.DocumentChanged(ctx, h.bind(tx), of(m)))
	}
}
