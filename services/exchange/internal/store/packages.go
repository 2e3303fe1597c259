package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

const pkgColumns = `id, direction, organisation_code, organisation_name, agency_id, our_code, issuer_unit_id,
    document_id, edxml_document_id, code_number, code_notation, notation, promulgation_date, subject,
    state, reason, signature, body_sha256, created_at, updated_at`

func scanPkg(row interface{ Scan(...any) error }) (domain.Package, error) {
	var p domain.Package
	var created, updated string
	err := row.Scan(&p.ID, &p.Direction, &p.OrganisationCode, &p.OrganisationName, &p.AgencyID, &p.OurCode, &p.IssuerUnitID,
		&p.DocumentID, &p.EdxmlDocumentID, &p.CodeNumber, &p.CodeNotation, &p.Notation, &p.PromulgationDate, &p.Subject,
		&p.State, &p.Reason, &p.Signature, &p.BodySHA256, &created, &updated)
	if err != nil {
		return p, err
	}
	p.CreatedAt, _ = store.ParseTime(created)
	p.UpdatedAt, _ = store.ParseTime(updated)
	return p, nil
}

// one reads a package by a condition, with its files and statuses.
func (r reads) one(ctx context.Context, cond string, args ...any) (domain.Package, error) {
	p, err := scanPkg(r.q.QueryRowContext(ctx, `SELECT `+pkgColumns+` FROM exchange_packages WHERE `+cond, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return p, apperr.NotFound("package")
	}
	if err != nil {
		return p, fmt.Errorf("package: %w", err)
	}
	return p, r.details(ctx, &p)
}

func (r reads) details(ctx context.Context, p *domain.Package) error {
	rows, err := r.q.QueryContext(ctx, `SELECT idx, name, content_type, size, sha256, signature FROM exchange_files
WHERE package_id = $1 ORDER BY idx`, p.ID)
	if err != nil {
		return fmt.Errorf("package %s files: %w", p.ID, err)
	}
	defer rows.Close()
	p.Files = nil
	for rows.Next() {
		var f domain.File
		if err := rows.Scan(&f.Index, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.Signature); err != nil {
			return fmt.Errorf("package %s files: %w", p.ID, err)
		}
		p.Files = append(p.Files, f)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	srows, err := r.q.QueryContext(ctx, `SELECT code, name, direction, at, note FROM exchange_statuses
WHERE package_id = $1 ORDER BY at, code`, p.ID)
	if err != nil {
		return fmt.Errorf("package %s statuses: %w", p.ID, err)
	}
	defer srows.Close()
	p.Statuses = nil
	for srows.Next() {
		var s domain.Status
		var at string
		if err := srows.Scan(&s.Code, &s.Name, &s.Direction, &at, &s.Note); err != nil {
			return fmt.Errorf("package %s statuses: %w", p.ID, err)
		}
		s.At, _ = store.ParseTime(at)
		p.Statuses = append(p.Statuses, s)
	}
	return srows.Err()
}

func (r reads) Package(ctx context.Context, id string) (domain.Package, error) {
	return r.one(ctx, `id = $1`, id)
}

func (r reads) PackageByKey(ctx context.Context, key string) (domain.Package, error) {
	return r.one(ctx, `dedupe_key = $1`, key)
}

func (r reads) PackageByEdxmlID(ctx context.Context, direction, orgCode, edxmlID string) (domain.Package, error) {
	if edxmlID == "" {
		return domain.Package{}, apperr.NotFound("package")
	}
	// The first decided one: a repeat still being kept is not the answer.
	return r.one(ctx, `direction = $1 AND organisation_code = $2 AND edxml_document_id = $3 AND state <> $4
ORDER BY created_at, id LIMIT 1`, direction, orgCode, edxmlID, domain.StateReceived)
}

func (r reads) list(ctx context.Context, query string, args ...any) ([]domain.Package, error) {
	rows, err := r.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("packages: %w", err)
	}
	var out []domain.Package
	for rows.Next() {
		p, err := scanPkg(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("packages: %w", err)
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := r.details(ctx, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (r reads) Packages(ctx context.Context, q app.PackageQuery) ([]domain.Package, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if q.AgencyID != "" {
		add("agency_id = $%d", q.AgencyID)
	}
	if q.Direction != "" {
		add("direction = $%d", q.Direction)
	}
	if q.DocumentID != "" {
		add("document_id = $%d", q.DocumentID)
	}
	if q.State != "" {
		add("state = $%d", q.State)
	}
	if q.BeforeID != "" {
		args = append(args, store.FormatTime(q.BeforeTime), q.BeforeID)
		where = append(where, fmt.Sprintf("(created_at < $%d OR (created_at = $%[1]d AND id < $%d))", len(args)-1, len(args)))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	args = append(args, q.Limit)
	return r.list(ctx, `SELECT `+pkgColumns+` FROM exchange_packages`+cond+
		fmt.Sprintf(` ORDER BY created_at DESC, id DESC LIMIT $%d`, len(args)), args...)
}

func (r reads) PackagesInState(ctx context.Context, state string, limit int) ([]domain.Package, error) {
	return r.list(ctx, `SELECT `+pkgColumns+` FROM exchange_packages WHERE state = $1 ORDER BY created_at, id LIMIT $2`, state, limit)
}

func (b bound) AddPackage(ctx context.Context, p domain.Package, key string) (bool, error) {
	res, err := b.tx.ExecContext(ctx, `INSERT INTO exchange_packages (`+pkgColumns+`, dedupe_key)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
ON CONFLICT (dedupe_key) DO NOTHING`,
		p.ID, p.Direction, p.OrganisationCode, p.OrganisationName, p.AgencyID, p.OurCode, p.IssuerUnitID,
		p.DocumentID, p.EdxmlDocumentID, p.CodeNumber, p.CodeNotation, p.Notation, p.PromulgationDate, p.Subject,
		p.State, p.Reason, p.Signature, p.BodySHA256, store.FormatTime(p.CreatedAt), store.FormatTime(p.UpdatedAt), key)
	if err != nil {
		return false, fmt.Errorf("add package: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("add package: %w", err)
	}
	if n == 1 {
		return true, b.putFiles(ctx, p)
	}
	return false, nil
}

func (b bound) SavePackage(ctx context.Context, p domain.Package) error {
	_, err := b.tx.ExecContext(ctx, `UPDATE exchange_packages SET organisation_code = $2, organisation_name = $3,
    agency_id = $4, our_code = $5, issuer_unit_id = $6, document_id = $7, edxml_document_id = $8, code_number = $9,
    code_notation = $10, notation = $11, promulgation_date = $12, subject = $13, state = $14, reason = $15,
    signature = $16, body_sha256 = $17, updated_at = $18 WHERE id = $1`,
		p.ID, p.OrganisationCode, p.OrganisationName, p.AgencyID, p.OurCode, p.IssuerUnitID, p.DocumentID,
		p.EdxmlDocumentID, p.CodeNumber, p.CodeNotation, p.Notation, p.PromulgationDate, p.Subject, p.State,
		p.Reason, p.Signature, p.BodySHA256, store.FormatTime(p.UpdatedAt))
	if err != nil {
		return fmt.Errorf("save package %s: %w", p.ID, err)
	}
	if _, err := b.tx.ExecContext(ctx, `DELETE FROM exchange_files WHERE package_id = $1`, p.ID); err != nil {
		return fmt.Errorf("save package %s: %w", p.ID, err)
	}
	return b.putFiles(ctx, p)
}

func (b bound) putFiles(ctx context.Context, p domain.Package) error {
	for _, f := range p.Files {
		_, err := b.tx.ExecContext(ctx, `INSERT INTO exchange_files (package_id, idx, name, content_type, size, sha256, signature)
VALUES ($1, $2, $3, $4, $5, $6, $7)`, p.ID, f.Index, f.Name, f.ContentType, f.Size, f.SHA256, f.Signature)
		if err != nil {
			return fmt.Errorf("package %s file %d: %w", p.ID, f.Index, err)
		}
	}
	return nil
}

func (b bound) DeletePackage(ctx context.Context, id string) error {
	for _, q := range []string{`DELETE FROM exchange_files WHERE package_id = $1`, `DELETE FROM exchange_statuses WHERE package_id = $1`,
		`DELETE FROM exchange_messages WHERE package_id = $1`, `DELETE FROM exchange_packages WHERE id = $1`} {
		if _, err := b.tx.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("delete package %s: %w", id, err)
		}
	}
	return nil
}

func (b bound) AddStatus(ctx context.Context, packageID string, s domain.Status) (bool, error) {
	res, err := b.tx.ExecContext(ctx, `INSERT INTO exchange_statuses (package_id, direction, code, name, at, note)
VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (package_id, direction, code) DO NOTHING`,
		packageID, s.Direction, s.Code, s.Name, store.FormatTime(s.At), s.Note)
	if err != nil {
		return false, fmt.Errorf("package %s status %s: %w", packageID, s.Code, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (b bound) MovePackage(ctx context.Context, p domain.Package, from string) (bool, error) {
	// The guarded update first: on PostgreSQL a second mover waits for the
	// first's commit, then finds the state moved and writes nothing.
	res, err := b.tx.ExecContext(ctx, `UPDATE exchange_packages SET state = $2, updated_at = $3 WHERE id = $1 AND state = $4`,
		p.ID, p.State, store.FormatTime(p.UpdatedAt), from)
	if err != nil {
		return false, fmt.Errorf("move package %s: %w", p.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	return true, b.SavePackage(ctx, p)
}
