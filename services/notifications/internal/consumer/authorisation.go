package consumer

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/app"
)

// AuthorisationGranted tells the grantor and the grantee.
func (h *Handlers) AuthorisationGranted(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.AuthorisationGranted
	if err := decode(ev, &m); err != nil {
		return err
	}
	if m.GetAuthorisationId() == "" || m.GetGrantorId() == "" || m.GetGranteeId() == "" {
		return messaging.Permanent(errors.New("authorisation.granted without its id or people"))
	}
	return h.notifier.Authorisation(ctx, h.bind(tx), of(ev), app.Authorisation{
		ID: m.GetAuthorisationId(), GrantorID: m.GetGrantorId(), GranteeID: m.GetGranteeId(),
		GrantorName: m.GetGrantorName(), GranteeName: m.GetGranteeName(), From: m.GetValidFrom(), To: m.GetValidTo(),
		Kinds: m.GetKinds(), Scope: m.GetScope(),
	})
}

// AuthorisationRevoked tells the grantor and the grantee.
func (h *Handlers) AuthorisationRevoked(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var m eventsv1.AuthorisationRevoked
	if err := decode(ev, &m); err != nil {
		return err
	}
	if m.GetAuthorisationId() == "" || m.GetGrantorId() == "" || m.GetGranteeId() == "" {
		return messaging.Permanent(errors.New("authorisation.revoked without its id or people"))
	}
	return h.notifier.Authorisation(ctx, h.bind(tx), of(ev), app.Authorisation{
		ID: m.GetAuthorisationId(), GrantorID: m.GetGrantorId(), GranteeID: m.GetGranteeId(), Scope: m.GetScope(),
		Revoked: true,
	})
}
