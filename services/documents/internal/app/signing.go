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

// PersonInfo is a person as the signing rules need them.
type PersonInfo struct {
	UserID   string
	FullName string
	UnitID   string
	AgencyID string
	Facts    domain.PersonFacts
}

// SigningFacts says what identity knows of people and agencies that
// decides signing: a person's title and position, an agency's regime,
// head title and collective name. A person or agency it does not know is
// domain.ErrNotFound.
type SigningFacts interface {
	Person(ctx context.Context, token, id string) (PersonInfo, error)
	Agency(ctx context.Context, token, id string) (domain.AgencyFacts, error)
}

// DirectoryFacts are the signing facts of the shared identity read model
// (pkg/identityview), asking identity's API for what its events have not
// brought yet (remote nil: nobody). Facts identity has not set are empty,
// which the rules read as a head-led agency whose leaders are its heads —
// what every agency was before they existed.
func DirectoryFacts(db *pkgstore.DB, remote *identityclient.Client) SigningFacts {
	return directoryFacts{f: identityview.Fallback{DB: db, Remote: remote}}
}

type directoryFacts struct{ f identityview.Fallback }

func (d directoryFacts) Person(ctx context.Context, token, id string) (PersonInfo, error) {
	p, err := d.f.Person(ctx, token, id)
	if errors.Is(err, identityclient.ErrUnknownUser) || errors.Is(err, identityview.ErrNoRemote) {
		return PersonInfo{}, fmt.Errorf("person %s: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return PersonInfo{}, fmt.Errorf("%w (cause: %v)", &apperr.Error{Kind: apperr.ErrUnavailable,
			Detail: "the people directory cannot be reached; try again"}, err)
	}
	return PersonInfo{UserID: p.ID, FullName: p.FullName, UnitID: p.UnitID, AgencyID: p.AgencyID,
		Facts: domain.PersonFacts{Title: p.Title, Position: domain.Position(p.Position)}}, nil
}

func (d directoryFacts) Agency(ctx context.Context, token, id string) (domain.AgencyFacts, error) {
	u, err := (&Directory{f: d.f}).Unit(ctx, token, id)
	if errors.Is(err, ErrUnknownUnit) {
		return domain.AgencyFacts{}, fmt.Errorf("agency %s: %w", id, domain.ErrNotFound)
	}
	if err != nil {
		return domain.AgencyFacts{}, err
	}
	if !u.IsAgency() {
		return domain.AgencyFacts{}, fmt.Errorf("unit %s is not an agency: %w", id, domain.ErrNotFound)
	}
	return domain.AgencyFacts{ID: u.ID, Name: u.Name, Regime: domain.Regime(u.Regime), HeadTitle: u.HeadTitle,
		CollectiveName: u.CollectiveName}, nil
}

// authority is what the caller's marks depend on outside the document's
// transaction: their facts and their agency's. A person or agency the
// directory does not know has none (a leader of the agency still counts
// as its head).
func (s *service) authority(ctx context.Context, a domain.Actor, token string) (domain.SigningAuthority, error) {
	auth := domain.SigningAuthority{Signer: a, Agency: domain.AgencyFacts{ID: a.AgencyID}, Today: domain.Today(s.now())}
	if a.AgencyID == "" {
		return auth, nil
	}
	p, err := s.facts.Person(ctx, token, a.UserID)
	switch {
	case err == nil:
		auth.Person = p.Facts
	case !errors.Is(err, domain.ErrNotFound):
		return auth, err
	}
	ag, err := s.facts.Agency(ctx, token, a.AgencyID)
	switch {
	case err == nil:
		auth.Agency = ag
	case !errors.Is(err, domain.ErrNotFound):
		return auth, err
	}
	return auth, nil
}
