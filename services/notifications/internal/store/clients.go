package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// AddClientIfUnknown records c, as its token describes it, when the
// directory has not heard of the client yet (identity's client.created may
// still be on its way); recorded as of the zero time, so that any identity
// event about the client replaces it.
func (s *Store) AddClientIfUnknown(ctx context.Context, c domain.Client) error {
	err := s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := identityview.PutClient(ctx, tx, identityview.Client{ID: c.ID, Name: c.Name, Scopes: c.Scopes,
			AgencyID: c.AgencyID, Active: c.Active}, identityview.Version{})
		return err
	})
	if err != nil {
		return fmt.Errorf("add client %s: %w", c.ID, err)
	}
	return nil
}

// Client returns the client id, or domain.ErrNotFound.
func (s *Store) Client(ctx context.Context, q store.Querier, id string) (domain.Client, error) {
	c, err := identityview.GetClient(ctx, q, id)
	if err != nil {
		return domain.Client{}, notFound(err)
	}
	return domain.Client{ID: c.ID, Name: c.Name, Scopes: c.Scopes, AgencyID: c.AgencyID, Active: c.Active}, nil
}

// SetWebhookOwner records whether the webhook id was registered by a
// person or a client (domain.OwnerUser, domain.OwnerClient).
func (s *Store) SetWebhookOwner(ctx context.Context, webhookID, kind string) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		return setWebhookOwner(ctx, tx, webhookID, kind)
	})
}

func setWebhookOwner(ctx context.Context, tx *store.Tx, webhookID, kind string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO webhook_owners (webhook_id, owner_kind) VALUES ($1, $2)`, webhookID, kind); err != nil {
		return fmt.Errorf("owner of webhook %s: %w", webhookID, err)
	}
	return nil
}

// WebhookOwner is the owner of w as far as deliveries go: its kind and,
// for a client, the directory's copy (nil when unknown).
func (s *Store) WebhookOwner(ctx context.Context, q store.Querier, w domain.Webhook) (domain.Owner, error) {
	var o domain.Owner
	err := q.QueryRowContext(ctx, `SELECT owner_kind FROM webhook_owners WHERE webhook_id = $1`, w.ID).Scan(&o.Kind)
	if errors.Is(err, sql.ErrNoRows) {
		return o, nil
	}
	if err != nil {
		return o, fmt.Errorf("owner of webhook %s: %w", w.ID, err)
	}
	if o.Kind != domain.OwnerClient {
		return o, nil
	}
	c, err := s.Client(ctx, q, w.OwnerID)
	if errors.Is(err, domain.ErrNotFound) {
		return o, nil
	}
	if err != nil {
		return o, err
	}
	o.Client = &c
	return o, nil
}

// AgencyOfUnit and AgencyOfPerson name the agency of a unit or person the
// directory knows; "" when it does not.
func (s *Store) AgencyOfUnit(ctx context.Context, q store.Querier, id string) (string, error) {
	u, err := identityview.GetUnit(ctx, q, id)
	if errors.Is(err, identityview.ErrNotFound) {
		return "", nil
	}
	return u.AgencyID, err
}

// AgencyOfPerson: see AgencyOfUnit.
func (s *Store) AgencyOfPerson(ctx context.Context, q store.Querier, id string) (string, error) {
	p, err := identityview.GetPerson(ctx, q, id)
	if errors.Is(err, identityview.ErrNotFound) {
		return "", nil
	}
	return p.AgencyID, err
}
