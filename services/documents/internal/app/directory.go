package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// ErrUnknownUnit: neither the directory nor identity knows the unit.
var ErrUnknownUnit = identityclient.ErrUnknownUnit

// Directory resolves unit ids through the shared identity read model
// built from identity's events, else identity's API with the caller's
// token (the events may not have arrived yet), keeping the answer
// (pkg/identityview.Fallback).
type Directory struct{ f identityview.Fallback }

// NewDirectory returns a Directory over db asking remote (nil: none).
func NewDirectory(db *pkgstore.DB, remote *identityclient.Client) *Directory {
	return &Directory{f: identityview.Fallback{DB: db, Remote: remote}}
}

// Unit returns the unit with its agency, or an error wrapping ErrUnknownUnit.
func (d *Directory) Unit(ctx context.Context, token, id string) (domain.Unit, error) {
	u, err := d.f.Unit(ctx, token, id)
	switch {
	case err == nil:
		return u, nil
	case errors.Is(err, ErrUnknownUnit):
		return domain.Unit{}, err
	case errors.Is(err, identityview.ErrNoRemote):
		return domain.Unit{}, fmt.Errorf("unit %s: %w", id, ErrUnknownUnit)
	default:
		return domain.Unit{}, fmt.Errorf("%w (cause: %v)", &apperr.Error{Kind: apperr.ErrUnavailable, Detail: "the unit directory cannot be reached; try again"}, err)
	}
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
