package identityview

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// PutClient records c as of v unless the read model holds a newer
// version; applied tells whether it did.
func PutClient(ctx context.Context, tx *store.Tx, c Client, v Version) (applied bool, err error) {
	if c.ID == "" {
		return false, fmt.Errorf("client without an id: %w", ErrInvalid)
	}
	var id string
	err = tx.QueryRowContext(ctx, `
INSERT INTO identity_clients (id, name, scopes, agency_id, active, event_time, event_id)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, scopes = excluded.scopes,
    agency_id = excluded.agency_id, active = excluded.active,
    event_time = excluded.event_time, event_id = excluded.event_id`+
		newer("identity_clients")+` RETURNING id`,
		c.ID, c.Name, strings.Join(sortedSet(c.Scopes), " "), c.AgencyID, c.Active,
		store.FormatTime(v.Time), v.EventID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("put client %s: %w", c.ID, err)
	}
	return true, nil
}

// DeactivateClient marks the client inactive as of v; a client not seen
// yet is recorded inactive, so that its creation arriving later (with an
// older version) cannot revive it.
func DeactivateClient(ctx context.Context, tx *store.Tx, id string, v Version) error {
	if id == "" {
		return fmt.Errorf("client without an id: %w", ErrInvalid)
	}
	_, err := tx.ExecContext(ctx, `
INSERT INTO identity_clients (id, active, event_time, event_id) VALUES ($1, FALSE, $2, $3)
ON CONFLICT (id) DO UPDATE SET active = FALSE,
    event_time = excluded.event_time, event_id = excluded.event_id`+newer("identity_clients"),
		id, store.FormatTime(v.Time), v.EventID)
	if err != nil {
		return fmt.Errorf("deactivate client %s: %w", id, err)
	}
	return nil
}

// GetClient returns the client id, or an error wrapping ErrNotFound.
func GetClient(ctx context.Context, q store.Querier, id string) (Client, error) {
	var (
		c      Client
		scopes string
	)
	err := q.QueryRowContext(ctx, `SELECT id, name, scopes, agency_id, active FROM identity_clients WHERE id = $1`, id).
		Scan(&c.ID, &c.Name, &scopes, &c.AgencyID, &c.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return Client{}, fmt.Errorf("client %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Client{}, fmt.Errorf("client %s: %w", id, err)
	}
	c.Scopes = strings.Fields(scopes)
	return c, nil
}
