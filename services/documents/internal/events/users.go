package events

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/messaging"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// users keeps the people directory: a signer's position comes from there.
type users struct{ st *store.Store }

func (h *users) created(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var p eventsv1.UserCreated
	if err := ev.Decode(&p); err != nil {
		return messaging.Permanent(err)
	}
	return h.save(ctx, tx, store.User{ID: p.UserId, FullName: p.FullName, Title: p.Title, UnitID: p.UnitId, Active: p.Active}, true)
}

func (h *users) updated(ctx context.Context, tx *pkgstore.Tx, ev envelope.Event) error {
	var p eventsv1.UserUpdated
	if err := ev.Decode(&p); err != nil {
		return messaging.Permanent(err)
	}
	return h.save(ctx, tx, store.User{ID: p.UserId, FullName: p.FullName, Title: p.Title, UnitID: p.UnitId, Active: p.Active}, false)
}

func (h *users) save(ctx context.Context, tx *pkgstore.Tx, u store.User, onlyIfAbsent bool) error {
	if u.ID == "" {
		return messaging.Permanent(fmt.Errorf("user event without a user id"))
	}
	return h.st.SaveUser(ctx, tx, u, onlyIfAbsent)
}
