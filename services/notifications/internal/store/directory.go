package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// The directory is the shared identity read model (pkg/identityview), fed
// by identity's unit.*, user.* and client.* events; these read it in the
// service's own shapes.

// notFound turns the read model's miss into the store's domain.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, identityview.ErrNotFound) {
		return fmt.Errorf("%w: %w", domain.ErrNotFound, err)
	}
	return err
}

// Unit returns the unit with id, or domain.ErrNotFound when the directory has not
// heard of it (yet).
func (s *Store) Unit(ctx context.Context, q store.Querier, id string) (domain.Unit, error) {
	u, err := identityview.GetUnit(ctx, q, id)
	if err != nil {
		return domain.Unit{}, notFound(err)
	}
	return u, nil
}

// Person returns the person with id and their roles, or domain.ErrNotFound.
func (s *Store) Person(ctx context.Context, q store.Querier, id string) (domain.Person, error) {
	p, err := identityview.GetPerson(ctx, q, id)
	if err != nil {
		return domain.Person{}, notFound(err)
	}
	return personOf(p), nil
}

func personOf(p identityview.Person) domain.Person {
	return domain.Person{ID: p.ID, Username: p.Username, FullName: p.FullName, Email: p.Email, UnitID: p.UnitID,
		AgencyID: p.AgencyID, Roles: p.Roles, Title: p.Title, Active: p.Active}
}

func peopleOf(ps []identityview.Person, err error) ([]domain.Person, error) {
	if err != nil {
		return nil, err
	}
	var out []domain.Person
	for _, p := range ps {
		out = append(out, personOf(p))
	}
	return out, nil
}

// ActiveWithRole lists the active people of unit holding role, by id. The
// returned people carry only that role in Roles.
func (s *Store) ActiveWithRole(ctx context.Context, q store.Querier, unitID, role string) ([]domain.Person, error) {
	return peopleOf(identityview.ActiveInUnitWithRole(ctx, q, unitID, role))
}

// ActiveInAgencyWithRole lists the active people holding role anywhere in
// the agency (its own unit or its divisions), by id: clerical work belongs
// to the agency, wherever its clerks sit.
func (s *Store) ActiveInAgencyWithRole(ctx context.Context, q store.Querier, agencyID, role string) ([]domain.Person, error) {
	return peopleOf(identityview.ActiveInAgencyWithRole(ctx, q, agencyID, role))
}

// DirectoryHorizon is the time of the most recent identity event the
// directory has applied (zero when empty): how far it has caught up.
func (s *Store) DirectoryHorizon(ctx context.Context, q store.Querier) (time.Time, error) {
	return identityview.Horizon(ctx, q)
}
