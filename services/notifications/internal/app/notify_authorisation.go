package app

import (
	"context"
	"errors"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/templates"
)

// Authorisation are the facts of an authorisation.granted or .revoked
// event; the names may be empty (revocation carries none).
type Authorisation struct {
	ID                       string
	GrantorID, GranteeID     string
	GrantorName, GranteeName string
	From, To                 string
	Kinds                    []string
	Scope                    string
	Revoked                  bool
}

// Authorisation tells the grantor and the grantee (DOMAIN.md: both people
// see it) that an authorisation was granted or revoked. Someone the
// directory does not know (yet) or who left is not told.
func (n *Notifier) Authorisation(ctx context.Context, st NotifyStore, ev Event, a Authorisation) error {
	var to []domain.Person
	names := map[string]string{a.GrantorID: a.GrantorName, a.GranteeID: a.GranteeName}
	for _, id := range []string{a.GrantorID, a.GranteeID} {
		p, err := st.Person(ctx, id)
		if errors.Is(err, domain.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if names[id] == "" {
			names[id] = p.FullName
		}
		if p.Active {
			to = append(to, p)
		}
	}
	typ := domain.TypeAuthorisationGranted
	if a.Revoked {
		typ = domain.TypeAuthorisationRevoked
	}
	msg := templates.Authorisation{GrantorName: names[a.GrantorID], GranteeName: names[a.GranteeID],
		From: a.From, To: a.To, Kinds: a.Kinds, Scope: a.Scope, Revoked: a.Revoked}.Render()
	return n.notify(ctx, st, ev, typ, "authorisation "+a.ID, to, msg, domain.UrgencyNormal)
}
