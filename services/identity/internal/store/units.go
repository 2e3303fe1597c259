package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

const unitColumns = `id, kind, code, name, short_name, parent_id, agency_id, active, created_at,
	place_name, regime, head_title, collective_name`

// InsertUnit stores a new unit. A taken code or sibling short name that
// slipped past the checks (a concurrent insert) is ErrDuplicate.
func (t *Tx) InsertUnit(ctx context.Context, u domain.Unit) error {
	_, err := t.q.ExecContext(ctx, `INSERT INTO units (`+unitColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		u.ID, string(u.Kind), nullString(u.Code), u.Name, u.ShortName, nullString(u.ParentID), u.AgencyID, u.Active, formatTime(u.CreatedAt),
		u.PlaceName, string(u.Regime), u.HeadTitle, u.CollectiveName)
	if store.IsUniqueViolation(err) {
		return fmt.Errorf("insert unit: %w", domain.ErrDuplicate)
	}
	if err != nil {
		return fmt.Errorf("insert unit: %w", err)
	}
	return nil
}

// Unit returns the unit id or ErrNotFound.
func (r reads) Unit(ctx context.Context, id string) (domain.Unit, error) {
	u, err := scanUnit(r.q.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("unit %s: %w", id, domain.ErrNotFound)
	}
	return u, err
}

// ShortNameTaken reports whether an active child of parentID ("" for the
// roots) uses shortName.
func (r reads) ShortNameTaken(ctx context.Context, parentID, shortName string) (bool, error) {
	var n int
	err := r.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM units
		WHERE COALESCE(parent_id, '') = $1 AND short_name = $2 AND active`, parentID, shortName).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("short name taken: %w", err)
	}
	return n > 0, nil
}

// CodeTaken reports whether a unit holds the QCVN 102 code.
func (r reads) CodeTaken(ctx context.Context, code string) (bool, error) {
	var n int
	if err := r.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE code = $1`, code).Scan(&n); err != nil {
		return false, fmt.Errorf("code taken: %w", err)
	}
	return n > 0, nil
}

// Units lists units newest first.
func (r reads) Units(ctx context.Context, p app.Page) (app.List[domain.Unit], error) {
	cond, args, err := keyset(p, "", 1)
	if err != nil {
		return app.List[domain.Unit]{}, err
	}
	where := ""
	if cond != "" {
		where = "WHERE " + cond
	}
	args = append(args, limit(p)+1)
	rows, err := r.q.QueryContext(ctx, fmt.Sprintf(`SELECT `+unitColumns+` FROM units %s
		ORDER BY created_at DESC, id DESC LIMIT $%d`, where, len(args)), args...)
	if err != nil {
		return app.List[domain.Unit]{}, fmt.Errorf("list units: %w", err)
	}
	defer rows.Close()
	var items []domain.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return app.List[domain.Unit]{}, err
		}
		items = append(items, u)
	}
	if err := rows.Err(); err != nil {
		return app.List[domain.Unit]{}, fmt.Errorf("list units: %w", err)
	}
	return page(items, p, unitCursor), nil
}

func unitCursor(u domain.Unit) []string { return []string{formatTime(u.CreatedAt), u.ID} }

type scanner interface{ Scan(dest ...any) error }

func scanUnit(s scanner) (domain.Unit, error) {
	var (
		u                     domain.Unit
		kind, created, regime string
		code, parent          sql.NullString
	)
	if err := s.Scan(&u.ID, &kind, &code, &u.Name, &u.ShortName, &parent, &u.AgencyID, &u.Active, &created,
		&u.PlaceName, &regime, &u.HeadTitle, &u.CollectiveName); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return u, err
		}
		return u, fmt.Errorf("scan unit: %w", err)
	}
	u.Kind, u.Code, u.ParentID, u.Regime = domain.UnitKind(kind), code.String, parent.String, domain.Regime(regime)
	var err error
	u.CreatedAt, err = parseTime(created)
	return u, err
}

// UpdateUnit writes the editable fields of u (name, short name, code, the
// agency facts) and its active flag. A taken code or sibling short name is
// ErrDuplicate.
func (t *Tx) UpdateUnit(ctx context.Context, u domain.Unit) error {
	res, err := t.q.ExecContext(ctx, `UPDATE units SET name = $2, short_name = $3, code = $4, active = $5,
		place_name = $6, regime = $7, head_title = $8, collective_name = $9 WHERE id = $1`,
		u.ID, u.Name, u.ShortName, nullString(u.Code), u.Active, u.PlaceName, string(u.Regime), u.HeadTitle, u.CollectiveName)
	if store.IsUniqueViolation(err) {
		return fmt.Errorf("update unit: %w", domain.ErrDuplicate)
	}
	if err != nil {
		return fmt.Errorf("update unit: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("update unit %s: %w", u.ID, domain.ErrNotFound)
	}
	return nil
}

// ShortNameTakenBy returns the id of the active child of parentID ("" for
// the roots) using shortName, or "" when none does.
func (r reads) ShortNameTakenBy(ctx context.Context, parentID, shortName string) (string, error) {
	var id string
	err := r.q.QueryRowContext(ctx, `SELECT id FROM units
		WHERE COALESCE(parent_id, '') = $1 AND short_name = $2 AND active`, parentID, shortName).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("short name taken: %w", err)
	}
	return id, nil
}

// CodeTakenBy returns the id of the unit holding code, or "".
func (r reads) CodeTakenBy(ctx context.Context, code string) (string, error) {
	var id string
	err := r.q.QueryRowContext(ctx, `SELECT id FROM units WHERE code = $1`, code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("code taken: %w", err)
	}
	return id, nil
}

// ActiveDependents counts the active child units and active users of a
// unit: while either is non-zero it cannot be deactivated.
func (r reads) ActiveDependents(ctx context.Context, id string) (children, users int, err error) {
	err = r.q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM units WHERE parent_id = $1 AND active),
		(SELECT COUNT(*) FROM users WHERE unit_id = $1 AND active)`, id).Scan(&children, &users)
	if err != nil {
		return 0, 0, fmt.Errorf("active dependents of unit %s: %w", id, err)
	}
	return children, users, nil
}

// maxDepth bounds the walk up the tree, so a corrupted cycle cannot loop.
const maxDepth = 64

// Ancestors returns the units above id, the root first.
func (r reads) Ancestors(ctx context.Context, u domain.Unit) ([]domain.Unit, error) {
	var up []domain.Unit
	for parent := u.ParentID; parent != "" && len(up) < maxDepth; {
		p, err := r.Unit(ctx, parent)
		if err != nil {
			return nil, fmt.Errorf("ancestors of unit %s: %w", u.ID, err)
		}
		up = append(up, p)
		parent = p.ParentID
	}
	for i, j := 0, len(up)-1; i < j; i, j = i+1, j-1 {
		up[i], up[j] = up[j], up[i]
	}
	return up, nil
}
