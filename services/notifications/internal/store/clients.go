package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// UpsertClient records c as of eventTime; an older eventTime than the one
// stored changes nothing.
func (s *Store) UpsertClient(ctx context.Context, q *store.Tx, c domain.Client, eventTime time.Time) error {
	_, err := q.ExecContext(ctx, `
INSERT INTO directory_clients (id, name, scopes, agency_id, active, event_time)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, scopes = excluded.scopes, agency_id = excluded.agency_id,
    active = excluded.active, event_time = excluded.event_time
WHERE directory_clients.event_time <= excluded.event_time`,
		c.ID, c.Name, strings.Join(c.Scopes, " "), c.AgencyID, c.Active, store.FormatTime(eventTime))
	if err != nil {
		return fmt.Errorf("upsert client %s: %w", c.ID, err)
	}
	return nil
}

// DeactivateClient marks the client inactive as of eventTime; a client not
// seen yet is recorded inactive, so that its creation arriving later (with
// an older time) cannot revive it.
func (s *Store) DeactivateClient(ctx context.Context, q *store.Tx, id string, eventTime time.Time) error {
	_, err := q.ExecContext(ctx, `
INSERT INTO directory_clients (id, active, event_time) VALUES ($1, FALSE, $2)
ON CONFLICT (id) DO UPDATE SET active = FALSE, event_time = excluded.event_time
WHERE directory_clients.event_time <= excluded.event_time`, id, store.FormatTime(eventTime))
	if err != nil {
		return fmt.Errorf("deactivate client %s: %w", id, err)
	}
	return nil
}

// AddClientIfUnknown records c, as its token describes it, when the
// directory has not heard of the client yet (identity's client.created may
// still be on its way); the zero event time lets any identity event win.
func (s *Store) AddClientIfUnknown(ctx context.Context, c domain.Client) error {
	err := s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `
INSERT INTO directory_clients (id, name, scopes, agency_id, active, event_time)
VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
			c.ID, c.Name, strings.Join(c.Scopes, " "), c.AgencyID, c.Active, store.FormatTime(time.Time{}))
		return err
	})
	if err != nil {
		return fmt.Errorf("add client %s: %w", c.ID, err)
	}
	return nil
}

// Client returns the client id, or ErrNotFound.
func (s *Store) Client(ctx context.Context, q store.Querier, id string) (domain.Client, error) {
	var (
		c      domain.Client
		scopes string
	)
	err := q.QueryRowContext(ctx, `SELECT id, name, scopes, agency_id, active FROM directory_clients WHERE id = $1`, id).
		Scan(&c.ID, &c.Name, &scopes, &c.AgencyID, &c.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("client %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("client %s: %w", id, err)
	}
	c.Scopes = strings.Fields(scopes)
	return c, nil
}

// SetWebhookOwner records whether the webhook id was registered by a
// person or a client (domain.OwnerUser, domain.OwnerClient).
func (s *Store) SetWebhookOwner(ctx context.Context, webhookID, kind string) error {
	err := s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO webhook_owners (webhook_id, owner_kind) VALUES ($1, $2)`, webhookID, kind)
		return err
	})
	if err != nil {
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
	if errors.Is(err, ErrNotFound) {
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
	return s.agencyOf(ctx, q, `SELECT agency_id FROM directory_units WHERE id = $1`, id)
}

// AgencyOfPerson: see AgencyOfUnit.
func (s *Store) AgencyOfPerson(ctx context.Context, q store.Querier, id string) (string, error) {
	return s.agencyOf(ctx, q, `SELECT agency_id FROM directory_people WHERE id = $1`, id)
}

func (s *Store) agencyOf(ctx context.Context, q store.Querier, query, id string) (string, error) {
	var agency string
	err := q.QueryRowContext(ctx, query, id).Scan(&agency)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("agency of %s: %w", id, err)
	}
	return agency, nil
}
