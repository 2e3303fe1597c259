package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

const orgColumns = `code, name, parent_code, address, email, created_at, updated_at`

func scanOrg(row interface{ Scan(...any) error }) (domain.Organisation, error) {
	var o domain.Organisation
	var created, updated string
	if err := row.Scan(&o.Code, &o.Name, &o.ParentCode, &o.Address, &o.Email, &created, &updated); err != nil {
		return o, err
	}
	o.CreatedAt, _ = store.ParseTime(created)
	o.UpdatedAt, _ = store.ParseTime(updated)
	return o, nil
}

func (r reads) Organisation(ctx context.Context, code string) (domain.Organisation, error) {
	o, err := scanOrg(r.q.QueryRowContext(ctx, `SELECT `+orgColumns+` FROM exchange_organisations WHERE code = $1`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return o, apperr.NotFound("organisation " + code)
	}
	if err != nil {
		return o, fmt.Errorf("organisation %s: %w", code, err)
	}
	return o, nil
}

func (r reads) Organisations(ctx context.Context, q app.OrganisationQuery) ([]domain.Organisation, error) {
	where, args := []string{"code > $1"}, []any{q.After}
	if q.Q != "" {
		args = append(args, "%"+strings.ToLower(q.Q)+"%")
		where = append(where, fmt.Sprintf("(LOWER(code) LIKE $%d OR LOWER(name) LIKE $%[1]d)", len(args)))
	}
	args = append(args, q.Limit)
	rows, err := r.q.QueryContext(ctx, `SELECT `+orgColumns+` FROM exchange_organisations WHERE `+
		strings.Join(where, " AND ")+fmt.Sprintf(" ORDER BY code LIMIT $%d", len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("organisations: %w", err)
	}
	defer rows.Close()
	var out []domain.Organisation
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, fmt.Errorf("organisations: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func (b bound) PutOrganisations(ctx context.Context, orgs []domain.Organisation, now time.Time) error {
	at := store.FormatTime(now)
	for _, o := range orgs {
		_, err := b.tx.ExecContext(ctx, `INSERT INTO exchange_organisations (`+orgColumns+`)
VALUES ($1, $2, $3, $4, $5, $6, $6)
ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_code = excluded.parent_code,
    address = excluded.address, email = excluded.email, updated_at = excluded.updated_at`,
			o.Code, o.Name, o.ParentCode, o.Address, o.Email, at)
		if err != nil {
			return fmt.Errorf("put organisation %s: %w", o.Code, err)
		}
	}
	return nil
}

func (b bound) UpdateOrganisation(ctx context.Context, o domain.Organisation, now time.Time) error {
	res, err := b.tx.ExecContext(ctx, `UPDATE exchange_organisations SET name = $2, parent_code = $3, address = $4,
    email = $5, updated_at = $6 WHERE code = $1`, o.Code, o.Name, o.ParentCode, o.Address, o.Email, store.FormatTime(now))
	if err != nil {
		return fmt.Errorf("update organisation %s: %w", o.Code, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.NotFound("organisation " + o.Code)
	}
	return nil
}
