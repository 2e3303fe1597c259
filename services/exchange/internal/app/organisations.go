package app

import (
	"context"
	"errors"
	"io"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

// ListOrganisations is one page of the directory, by code.
func (a *App) ListOrganisations(ctx context.Context, q OrganisationQuery) ([]domain.Organisation, error) {
	return a.store.Organisations(ctx, q)
}

// Organisation is one entry of the directory.
func (a *App) Organisation(ctx context.Context, code string) (domain.Organisation, error) {
	return a.store.Organisation(ctx, code)
}

func requireAdmin(p auth.Principal) error {
	if p.IsClient() || !p.HasRole(auth.RoleAdmin) {
		return apperr.Forbidden("only administrators change the directory of organisations")
	}
	return nil
}

// notOurs refuses a code of one of this deployment's agencies: those live
// in identity, not in the directory. remote also asks identity about a code
// the read model lacks (one entry; an import of thousands reads the model).
func (a *App) notOurs(ctx context.Context, remote bool, codes ...string) error {
	for _, c := range codes {
		var err error
		if remote {
			_, err = a.ourAgency(ctx, c)
		} else {
			_, err = a.store.AgencyByCode(ctx, c)
		}
		switch {
		case err == nil:
			return apperr.Invalid("code "+c+" belongs to an agency of this system (set in identity)",
				apperr.FieldError{Field: "code", Message: "is an agency of this system"})
		case !errors.Is(err, identityview.ErrNotFound):
			return err
		}
	}
	return nil
}

// CreateOrganisation adds an organisation to the directory (administrators).
func (a *App) CreateOrganisation(ctx context.Context, p auth.Principal, o domain.Organisation) (domain.Organisation, error) {
	if err := requireAdmin(p); err != nil {
		return o, err
	}
	o.Normalise()
	if err := o.Validate(); err != nil {
		return o, err
	}
	if err := a.notOurs(ctx, true, o.Code); err != nil {
		return o, err
	}
	if _, err := a.store.Organisation(ctx, o.Code); err == nil {
		return o, apperr.Conflict("organisation "+o.Code+" is in the directory already", "exists")
	} else if !errors.Is(err, apperr.ErrNotFound) {
		return o, err
	}
	err := a.store.InTx(ctx, func(ctx context.Context, w Writes) error {
		return w.PutOrganisations(ctx, []domain.Organisation{o}, a.now())
	})
	if err != nil {
		return o, err
	}
	return a.store.Organisation(ctx, o.Code)
}

// UpdateOrganisation replaces an entry's fields but its code (administrators).
func (a *App) UpdateOrganisation(ctx context.Context, p auth.Principal, code string, o domain.Organisation) (domain.Organisation, error) {
	if err := requireAdmin(p); err != nil {
		return o, err
	}
	if _, err := a.store.Organisation(ctx, code); err != nil {
		return o, err
	}
	o.Code = code
	o.Normalise()
	if err := o.Validate(); err != nil {
		return o, err
	}
	err := a.store.InTx(ctx, func(ctx context.Context, w Writes) error {
		return w.UpdateOrganisation(ctx, o, a.now())
	})
	if err != nil {
		return o, err
	}
	return a.store.Organisation(ctx, code)
}

// ImportOrganisations adds or updates every row of a CSV file, all or
// nothing (administrators); it answers how many rows it stored.
func (a *App) ImportOrganisations(ctx context.Context, p auth.Principal, r io.Reader) (int, error) {
	if err := requireAdmin(p); err != nil {
		return 0, err
	}
	orgs, err := domain.ParseCSV(r)
	if err != nil {
		return 0, err
	}
	codes := make([]string, len(orgs))
	for i, o := range orgs {
		codes[i] = o.Code
	}
	if err := a.notOurs(ctx, false, codes...); err != nil {
		return 0, err
	}
	err = a.store.InTx(ctx, func(ctx context.Context, w Writes) error {
		return w.PutOrganisations(ctx, orgs, a.now())
	})
	return len(orgs), err
}
