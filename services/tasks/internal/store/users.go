package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// SaveUser records u as of eventTime; an event older than the one recorded
// changes nothing (user events may be redelivered or arrive late).
func (s *Store) SaveUser(ctx context.Context, tx *store.Tx, u domain.User, eventTime time.Time) error {
	_, err := tx.ExecContext(ctx, `
INSERT INTO users (id, unit_id, agency_id, full_name, active, event_time) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, agency_id = excluded.agency_id,
    full_name = excluded.full_name, active = excluded.active, event_time = excluded.event_time
WHERE users.event_time <= excluded.event_time`,
		u.ID, u.UnitID, u.AgencyID, u.FullName, u.Active, store.FormatTime(eventTime))
	if err != nil {
		return fmt.Errorf("save user %s: %w", u.ID, err)
	}
	return nil
}

// DeactivateUser marks the user inactive as of eventTime. A user not seen
// yet is recorded inactive, so that their creation arriving later (with an
// older time) cannot make them assignable.
func (s *Store) DeactivateUser(ctx context.Context, tx *store.Tx, id, unitID string, eventTime time.Time) error {
	_, err := tx.ExecContext(ctx, `
INSERT INTO users (id, unit_id, active, event_time) VALUES ($1, $2, FALSE, $3)
ON CONFLICT (id) DO UPDATE SET active = FALSE, event_time = excluded.event_time
WHERE users.event_time <= excluded.event_time`,
		id, unitID, store.FormatTime(eventTime))
	if err != nil {
		return fmt.Errorf("deactivate user %s: %w", id, err)
	}
	return nil
}

// CacheUser inserts u, fetched from identity while its events lag, unless
// the read model has the user. It is recorded as of the zero time, so any
// event about the user, however old, replaces it.
func (s *Store) CacheUser(ctx context.Context, u domain.User) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `
INSERT INTO users (id, unit_id, agency_id, full_name, active, event_time) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (id) DO NOTHING`,
			u.ID, u.UnitID, u.AgencyID, u.FullName, u.Active, store.FormatTime(time.Time{}))
		if err != nil {
			return fmt.Errorf("cache user %s: %w", u.ID, err)
		}
		return nil
	})
}

// User returns the user with id; ok is false when the read model lacks it.
func (s *Store) User(ctx context.Context, id string) (domain.User, bool, error) {
	var u domain.User
	err := s.db.QueryRowContext(ctx, `SELECT id, unit_id, agency_id, full_name, active FROM users WHERE id = $1`, id).
		Scan(&u.ID, &u.UnitID, &u.AgencyID, &u.FullName, &u.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.User{}, false, nil
	}
	if err != nil {
		return domain.User{}, false, fmt.Errorf("read user %s: %w", id, err)
	}
	return u, true, nil
}
