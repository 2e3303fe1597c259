package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"time"
)

// User is a person of the directory.
type User struct {
	ID       string
	FullName string
	Title    string
	UnitID   string
	Active   bool
}

// SaveUser stores the user as it now is; with onlyIfAbsent a user already
// known is left alone (a late user.created must not undo an update).
func (s *Store) SaveUser(ctx context.Context, q store.Querier, u User, onlyIfAbsent bool) error {
	conflict := `DO UPDATE SET full_name = excluded.full_name, title = excluded.title, unit_id = excluded.unit_id,
		active = excluded.active, updated_at = excluded.updated_at`
	if onlyIfAbsent {
		conflict = "DO NOTHING"
	}
	_, err := q.ExecContext(ctx, `INSERT INTO users (id, full_name, title, unit_id, active, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) `+conflict,
		u.ID, u.FullName, u.Title, u.UnitID, u.Active, store.FormatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("save user %s: %w", u.ID, err)
	}
	return nil
}

// User returns a user of the directory or ErrNotFound.
func (s *Store) User(ctx context.Context, q store.Querier, id string) (User, error) {
	var u User
	err := q.QueryRowContext(ctx, `SELECT id, full_name, title, unit_id, active FROM users WHERE id = $1`, id).
		Scan(&u.ID, &u.FullName, &u.Title, &u.UnitID, &u.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("user %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("user %s: %w", id, err)
	}
	return u, nil
}
