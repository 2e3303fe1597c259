package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/store"
)

// ErrUnknownUnit: neither the directory nor identity knows the unit.
var ErrUnknownUnit = identityclient.ErrUnknownUnit

// Directory resolves unit ids: from the local read model built from
// identity's events, else from identity's API with the caller's token (the
// events may not have arrived yet), caching the answer.
type Directory struct {
	db     *pkgstore.DB
	st     *store.Store
	remote UnitSource
}

// NewDirectory returns a Directory.
func NewDirectory(db *pkgstore.DB, st *store.Store, remote UnitSource) *Directory {
	return &Directory{db: db, st: st, remote: remote}
}

// Unit returns the unit with its agency, or an error wrapping ErrUnknownUnit.
func (d *Directory) Unit(ctx context.Context, token, id string) (domain.Unit, error) {
	u, err := d.st.Unit(ctx, d.db, id)
	if err == nil && u.AgencyID != "" {
		return u, nil
	}
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return u, err
	}
	if d.remote == nil {
		return u, fmt.Errorf("unit %s: %w", id, ErrUnknownUnit)
	}
	u, err = d.remote.Unit(ctx, token, id)
	if errors.Is(err, ErrUnknownUnit) {
		return u, err
	}
	if err != nil {
		return u, &apperr.Error{Kind: apperr.ErrUnavailable, Detail: "the unit directory cannot be reached; try again"}
	}
	if err := d.db.InTx(ctx, func(ctx context.Context, tx *pkgstore.Tx) error { return d.st.UpsertUnit(ctx, tx, u) }); err != nil {
		return u, err
	}
	return u, nil
}

// unitField resolves a unit named by a request field: an unknown unit is
// that field's 400.
func (d *Directory) unitField(ctx context.Context, token, id, field string) (domain.Unit, error) {
	u, err := d.Unit(ctx, token, id)
	if errors.Is(err, ErrUnknownUnit) {
		return u, apperr.Invalid("unknown unit", apperr.FieldError{Field: field, Message: "unknown unit " + id})
	}
	if err != nil {
		return u, err
	}
	if !u.Active {
		return u, apperr.Invalid("inactive unit", apperr.FieldError{Field: field, Message: "unit " + id + " is no longer active"})
	}
	return u, nil
}
