package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// InsertClient stores c.
func (t *Tx) InsertClient(ctx context.Context, c domain.Client) error {
	_, err := t.q.ExecContext(ctx, `INSERT INTO clients (id, name, secret_hash, scopes, agency_id, active, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		c.ID, c.Name, c.SecretHash, strings.Join(c.Scopes, " "), c.AgencyID, c.Active, c.CreatedBy, formatTime(c.CreatedAt))
	if store.IsUniqueViolation(err) {
		return fmt.Errorf("insert client: %w", domain.ErrDuplicate)
	}
	if err != nil {
		return fmt.Errorf("insert client: %w", err)
	}
	return nil
}

// UpdateClient stores c's name, scopes, agency, active flag and secret
// hash (a service client's secret follows its setting).
func (t *Tx) UpdateClient(ctx context.Context, c domain.Client) error {
	res, err := t.q.ExecContext(ctx, `UPDATE clients SET name = $2, scopes = $3, active = $4, secret_hash = $5, agency_id = $6 WHERE id = $1`,
		c.ID, c.Name, strings.Join(c.Scopes, " "), c.Active, c.SecretHash, c.AgencyID)
	if err != nil {
		return fmt.Errorf("update client: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("update client %s: %w", c.ID, errors.Join(domain.ErrNotFound, err))
	}
	return nil
}

// Client returns the client id or ErrNotFound.
func (r reads) Client(ctx context.Context, id string) (domain.Client, error) {
	var (
		c               domain.Client
		scopes, created string
	)
	err := r.q.QueryRowContext(ctx, `SELECT id, name, secret_hash, scopes, agency_id, active, created_by, created_at
		FROM clients WHERE id = $1`, id).Scan(&c.ID, &c.Name, &c.SecretHash, &scopes, &c.AgencyID, &c.Active, &c.CreatedBy, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("client: %w", domain.ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("client: %w", err)
	}
	c.Scopes = strings.Fields(scopes)
	c.CreatedAt, err = parseTime(created)
	return c, err
}

// UnannouncedClients returns the clients never published as an event.
func (t *Tx) UnannouncedClients(ctx context.Context) ([]domain.Client, error) {
	rows, err := t.q.QueryContext(ctx, `SELECT id, name, scopes, agency_id, active FROM clients WHERE NOT announced ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("unannounced clients: %w", err)
	}
	defer rows.Close()
	var out []domain.Client
	for rows.Next() {
		var (
			c      domain.Client
			scopes string
		)
		if err := rows.Scan(&c.ID, &c.Name, &scopes, &c.AgencyID, &c.Active); err != nil {
			return nil, fmt.Errorf("unannounced clients: %w", err)
		}
		c.Scopes = strings.Fields(scopes)
		out = append(out, c)
	}
	return out, rows.Err()
}

// MarkClientAnnounced records that the client id was published.
func (t *Tx) MarkClientAnnounced(ctx context.Context, id string) error {
	if _, err := t.q.ExecContext(ctx, `UPDATE clients SET announced = TRUE WHERE id = $1`, id); err != nil {
		return fmt.Errorf("mark client announced: %w", err)
	}
	return nil
}
