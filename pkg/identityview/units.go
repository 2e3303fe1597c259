package identityview

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// ErrInvalid: identity's message lacks what the read model needs (an id, a
// known kind); no retry fixes it.
var ErrInvalid = errors.New("invalid identity record")

const unitColumns = `id, parent_id, kind, agency_id, code, name, short_name, active,
    place_name, regime, head_title, collective_name`

// PutUnit records u as of v unless the read model holds a newer version;
// applied tells whether it did. An agency is its own agency; a division
// whose agency identity does not name takes its parent's, or fails with
// ErrParentUnknown while the parent has not arrived (retry later).
func PutUnit(ctx context.Context, tx *store.Tx, u Unit, v Version) (applied bool, err error) {
	if u.ID == "" || (u.Kind != KindAgency && u.Kind != KindDivision) {
		return false, fmt.Errorf("unit %q of kind %q: %w", u.ID, u.Kind, ErrInvalid)
	}
	if u.Kind == KindDivision && u.ParentID == "" {
		return false, fmt.Errorf("division %s without a parent: %w", u.ID, ErrInvalid)
	}
	if u.Kind == KindAgency {
		u.AgencyID = u.ID
	}
	if u.AgencyID == "" {
		parent, err := getUnit(ctx, tx, u.ParentID) // as this transaction sees it
		if errors.Is(err, ErrNotFound) {
			return false, fmt.Errorf("unit %s: %w: %s", u.ID, ErrParentUnknown, u.ParentID)
		}
		if err != nil {
			return false, err
		}
		u.AgencyID = parent.AgencyID
	}
	var id string
	err = tx.QueryRowContext(ctx, `
INSERT INTO identity_units (`+unitColumns+`, event_time, event_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, kind = excluded.kind,
    agency_id = excluded.agency_id, code = excluded.code, name = excluded.name,
    short_name = excluded.short_name, active = excluded.active,
    place_name = excluded.place_name, regime = excluded.regime,
    head_title = excluded.head_title, collective_name = excluded.collective_name,
    event_time = excluded.event_time, event_id = excluded.event_id`+
		newer("identity_units")+` RETURNING id`,
		u.ID, u.ParentID, u.Kind, u.AgencyID, u.Code, u.Name, u.ShortName, u.Active,
		u.PlaceName, u.Regime, u.HeadTitle, u.CollectiveName,
		store.FormatTime(v.Time), v.EventID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // a newer version is recorded already
	}
	if err != nil {
		return false, fmt.Errorf("put unit %s: %w", u.ID, err)
	}
	forget(tx)
	return true, nil
}

// GetUnit returns the unit id, or an error wrapping ErrNotFound. A unit
// the cache does not hold is read as committed (cache.go); one not
// committed yet is still found inside the transaction that wrote it.
func GetUnit(ctx context.Context, q store.Querier, id string) (Unit, error) {
	c := cacheOf(q)
	if c == nil {
		return getUnit(ctx, q, id)
	}
	if u, ok := c.unit(id); ok {
		return u, nil
	}
	gen := c.generation()
	u, err := getUnit(ctx, c.db, id)
	if err == nil {
		keep(c, gen, c.units, u.ID, u)
		return u, nil
	}
	if _, inTx := q.(*store.Tx); inTx && errors.Is(err, ErrNotFound) {
		return getUnit(ctx, q, id)
	}
	return u, err
}

// UnitChain returns unit and the units above it inside agency, nearest
// first, as far as the read model knows them: the agency's own unit ends
// the chain, as does a unit of another agency or one not known.
func UnitChain(ctx context.Context, q store.Querier, unit, agency string) ([]string, error) {
	if cacheOf(q) == nil {
		return unitChainQuery(ctx, q, unit, agency)
	}
	out := []string{unit}
	for cur := unit; len(out) <= maxChain; {
		u, err := GetUnit(ctx, q, cur)
		if errors.Is(err, ErrNotFound) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("unit chain: %w", err)
		}
		if u.AgencyID != agency || u.ID == agency || u.ParentID == "" {
			break
		}
		out = append(out, u.ParentID)
		cur = u.ParentID
	}
	return out, nil
}

// maxChain bounds a chain's steps up, against a cycle in the tree.
const maxChain = 32

// unitChainQuery is UnitChain in one query, for a database without a
// cache.
func unitChainQuery(ctx context.Context, q store.Querier, unit, agency string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `
WITH RECURSIVE chain (id, depth) AS (
    SELECT CAST($1 AS TEXT), 0
    UNION
    SELECT u.parent_id, c.depth + 1 FROM identity_units u JOIN chain c ON u.id = c.id
    WHERE u.agency_id = CAST($2 AS TEXT) AND u.id <> CAST($2 AS TEXT) AND u.parent_id <> '' AND c.depth < `+strconv.Itoa(maxChain)+`
)
SELECT id FROM chain ORDER BY depth`, unit, agency)
	if err != nil {
		return nil, fmt.Errorf("unit chain: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("unit chain: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// getUnit reads the unit id through q.
func getUnit(ctx context.Context, q store.Querier, id string) (Unit, error) {
	var u Unit
	err := q.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM identity_units WHERE id = $1`, id).
		Scan(&u.ID, &u.ParentID, &u.Kind, &u.AgencyID, &u.Code, &u.Name, &u.ShortName, &u.Active,
			&u.PlaceName, &u.Regime, &u.HeadTitle, &u.CollectiveName)
	if errors.Is(err, sql.ErrNoRows) {
		return Unit{}, fmt.Errorf("unit %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Unit{}, fmt.Errorf("unit %s: %w", id, err)
	}
	return u, nil
}

// AgencyByCode returns the active agency whose organisation code (mã định
// danh, identity's unit code) is code, or an error wrapping ErrNotFound.
func AgencyByCode(ctx context.Context, q store.Querier, code string) (Unit, error) {
	var u Unit
	err := q.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM identity_units
WHERE code = $1 AND kind = 'agency' AND active ORDER BY id LIMIT 1`, code).
		Scan(&u.ID, &u.ParentID, &u.Kind, &u.AgencyID, &u.Code, &u.Name, &u.ShortName, &u.Active,
			&u.PlaceName, &u.Regime, &u.HeadTitle, &u.CollectiveName)
	if errors.Is(err, sql.ErrNoRows) {
		return Unit{}, fmt.Errorf("agency with code %s: %w", code, ErrNotFound)
	}
	if err != nil {
		return Unit{}, fmt.Errorf("agency with code %s: %w", code, err)
	}
	return u, nil
}

// AgencyCodes lists the organisation codes of the active agencies that
// have one, sorted.
func AgencyCodes(ctx context.Context, q store.Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT code FROM identity_units
WHERE kind = 'agency' AND active AND code <> '' ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("agency codes: %w", err)
	}
	defer rows.Close()
	var codes []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("agency codes: %w", err)
		}
		codes = append(codes, c)
	}
	return codes, rows.Err()
}
