package app

import (
	"context"
	"io"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

// seesAll: administrators and clients (their exchange:read was checked by
// the route) see every package; clerks see their agency's; the agency's
// other staff see its outgoing packages only, whose states their issued
// documents' pages show (what came in and what was refused is the
// clerks' to handle).
func seesAll(p auth.Principal) bool { return p.IsClient() || p.HasRole(auth.RoleAdmin) }

func canSee(p auth.Principal, pkg domain.Package) bool {
	if seesAll(p) {
		return true
	}
	if pkg.AgencyID == "" || pkg.AgencyID != p.AgencyID {
		return false
	}
	return p.HasRole(auth.RoleClerk) || pkg.Direction == domain.Out
}

// ListPackages is one page of the packages the caller sees, newest first.
func (a *App) ListPackages(ctx context.Context, p auth.Principal, q PackageQuery) ([]domain.Package, error) {
	if !seesAll(p) {
		if p.AgencyID == "" {
			return nil, apperr.Forbidden("only an agency's staff see its packages")
		}
		if !p.HasRole(auth.RoleClerk) {
			if q.Direction == domain.In {
				return nil, apperr.Forbidden("only clerks see the packages that came in")
			}
			q.Direction = domain.Out
		}
		q.AgencyID = p.AgencyID
	}
	return a.store.Packages(ctx, q)
}

// Package is one package the caller sees.
func (a *App) Package(ctx context.Context, p auth.Principal, id string) (domain.Package, error) {
	pkg, err := a.store.Package(ctx, id)
	if err != nil {
		return pkg, err
	}
	if !canSee(p, pkg) {
		return domain.Package{}, apperr.NotFound("package")
	}
	return pkg, nil
}

// PackageBody opens a package's edXML bytes; the caller closes them.
func (a *App) PackageBody(ctx context.Context, p auth.Principal, id string) (domain.Package, io.ReadCloser, error) {
	pkg, err := a.Package(ctx, p, id)
	if err != nil {
		return pkg, nil, err
	}
	if pkg.BodySHA256 == "" {
		return pkg, nil, apperr.Conflict("the package is not built yet", pkg.State)
	}
	rc, err := a.blobs.Open(ctx, pkg.BodySHA256)
	return pkg, rc, err
}

// PackageFile opens one file of a package; the caller closes it.
func (a *App) PackageFile(ctx context.Context, p auth.Principal, id string, index int) (domain.File, io.ReadCloser, error) {
	pkg, err := a.Package(ctx, p, id)
	if err != nil {
		return domain.File{}, nil, err
	}
	for _, f := range pkg.Files {
		if f.Index == index {
			rc, err := a.blobs.Open(ctx, f.SHA256)
			return f, rc, err
		}
	}
	return domain.File{}, nil, apperr.NotFound("file")
}
