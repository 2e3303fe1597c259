package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/identity/internal/app"
	"github.com/eoffice-vn/eoffice/services/identity/internal/domain"
)

// userColumns read a user with the agency of its unit; the password hash is
// read only by Credentials.
const userColumns = `u.id, u.username, u.full_name, u.email, u.unit_id, COALESCE(n.agency_id, ''),
	u.roles, u.title, u.active, u.created_at, u.position`

const userFrom = ` FROM users u LEFT JOIN units n ON n.id = u.unit_id `

// InsertUser stores a new user with its password hash. A taken username is
// ErrDuplicate.
func (t *Tx) InsertUser(ctx context.Context, u domain.User, passwordHash string) error {
	_, err := t.q.ExecContext(ctx, `INSERT INTO users
		(id, username, full_name, email, unit_id, roles, title, password_hash, active, created_at, position)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		u.ID, u.Username, u.FullName, u.Email, nullString(u.UnitID), strings.Join(u.Roles, " "), u.Title,
		passwordHash, u.Active, formatTime(u.CreatedAt), string(u.Position))
	if store.IsUniqueViolation(err) {
		return fmt.Errorf("insert user: %w", domain.ErrDuplicate)
	}
	if err != nil {
		return fmt.Errorf("insert user: %w", err)
	}
	return nil
}

// User returns the user id or ErrNotFound.
func (r reads) User(ctx context.Context, id string) (domain.User, error) {
	u, err := scanUser(r.q.QueryRowContext(ctx, `SELECT `+userColumns+userFrom+`WHERE u.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("user %s: %w", id, domain.ErrNotFound)
	}
	return u, err
}

// Credentials returns the user named username and its password hash, or
// ErrNotFound. Only the token grant reads the hash.
func (r reads) Credentials(ctx context.Context, username string) (domain.User, string, error) {
	var hash string
	u, err := scanUser(r.q.QueryRowContext(ctx, `SELECT `+userColumns+`, u.password_hash`+userFrom+`WHERE u.username = $1`, username), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return u, "", fmt.Errorf("user %q: %w", username, domain.ErrNotFound)
	}
	return u, hash, err
}

// UsernameTaken reports whether a user has username.
func (r reads) UsernameTaken(ctx context.Context, username string) (bool, error) {
	var n int
	if err := r.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE username = $1`, username).Scan(&n); err != nil {
		return false, fmt.Errorf("username taken: %w", err)
	}
	return n > 0, nil
}

// Users lists users newest first.
func (r reads) Users(ctx context.Context, f app.UserFilter, p app.Page) (app.List[domain.User], error) {
	var (
		conds []string
		args  []any
	)
	if f.UnitID != "" {
		args = append(args, f.UnitID)
		conds = append(conds, fmt.Sprintf("u.unit_id = $%d", len(args)))
	}
	if f.AgencyID != "" {
		args = append(args, f.AgencyID)
		conds = append(conds, fmt.Sprintf("n.agency_id = $%d", len(args)))
	}
	cond, cargs, err := keyset(p, "u", len(args)+1)
	if err != nil {
		return app.List[domain.User]{}, err
	}
	if cond != "" {
		conds = append(conds, cond)
		args = append(args, cargs...)
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	args = append(args, limit(p)+1)
	rows, err := r.q.QueryContext(ctx, fmt.Sprintf(`SELECT `+userColumns+userFrom+`%s
		ORDER BY u.created_at DESC, u.id DESC LIMIT $%d`, where, len(args)), args...)
	if err != nil {
		return app.List[domain.User]{}, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var items []domain.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return app.List[domain.User]{}, err
		}
		items = append(items, u)
	}
	if err := rows.Err(); err != nil {
		return app.List[domain.User]{}, fmt.Errorf("list users: %w", err)
	}
	return page(items, p, userCursor), nil
}

func userCursor(u domain.User) []string { return []string{formatTime(u.CreatedAt), u.ID} }

func scanUser(s scanner, extra ...any) (domain.User, error) {
	var (
		u              domain.User
		unit           sql.NullString
		roles, created string
		position       string
	)
	dest := append([]any{&u.ID, &u.Username, &u.FullName, &u.Email, &unit, &u.AgencyID, &roles, &u.Title, &u.Active, &created, &position}, extra...)
	if err := s.Scan(dest...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return u, err
		}
		return u, fmt.Errorf("scan user: %w", err)
	}
	u.UnitID, u.Roles, u.Position = unit.String, strings.Fields(roles), domain.Position(position)
	var err error
	u.CreatedAt, err = parseTime(created)
	return u, err
}

// UpdateUser writes the editable fields of u and its active flag.
func (t *Tx) UpdateUser(ctx context.Context, u domain.User) error {
	res, err := t.q.ExecContext(ctx, `UPDATE users SET full_name = $2, email = $3, unit_id = $4, roles = $5, title = $6, active = $7,
		position = $8 WHERE id = $1`, u.ID, u.FullName, u.Email, nullString(u.UnitID), strings.Join(u.Roles, " "), u.Title, u.Active,
		string(u.Position))
	if err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("update user %s: %w", u.ID, domain.ErrNotFound)
	}
	return nil
}

// PasswordHash returns the password hash of user id, or ErrNotFound.
func (r reads) PasswordHash(ctx context.Context, id string) (string, error) {
	var hash string
	err := r.q.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = $1`, id).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("user %s: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("password hash: %w", err)
	}
	return hash, nil
}

// SetPasswordHash replaces the password hash of user id.
func (t *Tx) SetPasswordHash(ctx context.Context, id, hash string) error {
	if _, err := t.q.ExecContext(ctx, `UPDATE users SET password_hash = $2 WHERE id = $1`, id, hash); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	return nil
}
