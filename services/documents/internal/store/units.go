package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"time"

	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

const unitColumns = `id, parent_id, kind, code, name, short_name, agency_id, active`

// UpsertUnit stores the unit as it now is.
func (s *Store) UpsertUnit(ctx context.Context, q store.Querier, u domain.Unit) error {
	_, err := q.ExecContext(ctx, `INSERT INTO units (`+unitColumns+`, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, kind = excluded.kind,
			code = excluded.code, name = excluded.name, short_name = excluded.short_name,
			agency_id = excluded.agency_id, active = excluded.active, updated_at = excluded.updated_at`,
		u.ID, u.ParentID, string(u.Kind), u.Code, u.Name, u.ShortName, u.AgencyID, u.Active, store.FormatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("upsert unit %s: %w", u.ID, err)
	}
	return nil
}

// InsertUnitIfAbsent stores the unit unless the directory already has it: a
// unit.created event may arrive after identity's API already told us a
// newer state of the same unit.
func (s *Store) InsertUnitIfAbsent(ctx context.Context, q store.Querier, u domain.Unit) error {
	_, err := q.ExecContext(ctx, `INSERT INTO units (`+unitColumns+`, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
		u.ID, u.ParentID, string(u.Kind), u.Code, u.Name, u.ShortName, u.AgencyID, u.Active, store.FormatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("insert unit %s: %w", u.ID, err)
	}
	return nil
}

// Unit returns a unit of the directory or ErrNotFound.
func (s *Store) Unit(ctx context.Context, q store.Querier, id string) (domain.Unit, error) {
	var u domain.Unit
	var kind string
	err := q.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE id = $1`, id).
		Scan(&u.ID, &u.ParentID, &kind, &u.Code, &u.Name, &u.ShortName, &u.AgencyID, &u.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Unit{}, fmt.Errorf("unit %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return domain.Unit{}, fmt.Errorf("unit %s: %w", id, err)
	}
	u.Kind = domain.UnitKind(kind)
	return u, nil
}
