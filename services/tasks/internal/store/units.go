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

const unitColumns = `id, parent_id, kind, agency_id, code, short_name, name, active`

type rowScanner interface{ Scan(dest ...any) error }

func scanUnit(r rowScanner) (domain.Unit, error) {
	var u domain.Unit
	var kind string
	if err := r.Scan(&u.ID, &u.ParentID, &kind, &u.AgencyID, &u.Code, &u.ShortName, &u.Name, &u.Active); err != nil {
		return domain.Unit{}, err
	}
	u.Kind = domain.UnitKind(kind)
	return u, nil
}

// Unit returns the unit with id; ok is false when the tree lacks it.
func (s *Store) Unit(ctx context.Context, id string) (domain.Unit, bool, error) {
	return unit(s.db.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE id = $1`, id))
}

// UnitTx is Unit inside tx.
func (s *Store) UnitTx(ctx context.Context, tx *store.Tx, id string) (domain.Unit, bool, error) {
	return unit(tx.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE id = $1`, id))
}

func unit(row *sql.Row) (domain.Unit, bool, error) {
	u, err := scanUnit(row)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Unit{}, false, nil
	}
	if err != nil {
		return domain.Unit{}, false, fmt.Errorf("read unit: %w", err)
	}
	return u, true, nil
}

// SaveUnit inserts or replaces u.
func (s *Store) SaveUnit(ctx context.Context, tx *store.Tx, u domain.Unit) error {
	_, err := tx.ExecContext(ctx, `
INSERT INTO units (`+unitColumns+`, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, kind = excluded.kind,
    agency_id = excluded.agency_id, code = excluded.code, short_name = excluded.short_name,
    name = excluded.name, active = excluded.active, updated_at = excluded.updated_at`,
		u.ID, u.ParentID, string(u.Kind), u.AgencyID, u.Code, u.ShortName, u.Name, u.Active, store.FormatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("save unit %s: %w", u.ID, err)
	}
	return nil
}

// CacheUnit inserts u unless the tree has it already.
func (s *Store) CacheUnit(ctx context.Context, u domain.Unit) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.ExecContext(ctx, `
INSERT INTO units (`+unitColumns+`, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (id) DO NOTHING`,
			u.ID, u.ParentID, string(u.Kind), u.AgencyID, u.Code, u.ShortName, u.Name, u.Active, store.FormatTime(time.Now()))
		if err != nil {
			return fmt.Errorf("cache unit %s: %w", u.ID, err)
		}
		return nil
	})
}
