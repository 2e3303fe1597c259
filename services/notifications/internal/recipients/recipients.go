// Package recipients answers "who is told" from the recipient directory: the
// one place that knows how a rule's audience (the leaders or members of a
// unit, the clerks of an agency) maps to reachable people.
package recipients

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// ErrUnknownUnit means the directory has not heard of a unit. It usually
// lags identity by a moment, so the caller should retry, not give up.
var ErrUnknownUnit = errors.New("unit unknown to the recipient directory")

// ErrUnknownPerson means the directory has not heard of a named person;
// like a unit, they usually lag identity by a moment.
var ErrUnknownPerson = errors.New("person unknown to the recipient directory")

// Directory is what the resolver reads: the store's view through the
// transaction the event is handled in (store.View).
type Directory interface {
	Unit(ctx context.Context, id string) (domain.Unit, error)
	Person(ctx context.Context, id string) (domain.Person, error)
	ActiveWithRole(ctx context.Context, unitID, role string) ([]domain.Person, error)
	ActiveInAgencyWithRole(ctx context.Context, agencyID, role string) ([]domain.Person, error)
}

// Resolver finds the people a notification goes to.
type Resolver struct {
	dir Directory
}

// New returns a resolver over dir.
func New(dir Directory) *Resolver { return &Resolver{dir: dir} }

// Unit returns the directory's unit; ErrUnknownUnit when it has not heard
// of it.
func (r *Resolver) Unit(ctx context.Context, unitID string) (domain.Unit, error) {
	u, err := r.dir.Unit(ctx, unitID)
	if errors.Is(err, domain.ErrNotFound) {
		return u, fmt.Errorf("%w: %s", ErrUnknownUnit, unitID)
	}
	return u, err
}

// LeadersOf returns the unit and its reachable leaders (none when it has
// none); ErrUnknownUnit when the directory does not know the unit. Leaders
// of other units, above or below it, are not included.
func (r *Resolver) LeadersOf(ctx context.Context, unitID string) (domain.Unit, []domain.Person, error) {
	return r.MembersOf(ctx, unitID, domain.RoleLeader)
}

// MembersOf returns the unit and its reachable people holding any of roles,
// each once, by id.
func (r *Resolver) MembersOf(ctx context.Context, unitID string, roles ...string) (domain.Unit, []domain.Person, error) {
	u, err := r.Unit(ctx, unitID)
	if err != nil {
		return u, nil, err
	}
	var people []domain.Person
	for _, role := range roles {
		ps, err := r.dir.ActiveWithRole(ctx, unitID, role)
		if err != nil {
			return u, nil, err
		}
		people = append(people, ps...)
	}
	return u, Reachable(people), nil
}

// AssigneeOf returns the people told about a task of unitID: when the task
// names a person (userID), that person and the unit's leaders ("the
// assignee and its leader"); otherwise the unit's people holding roles.
// Each is told once (a named person who is also a leader too), deactivated
// people never. A named person the directory does not know is
// ErrUnknownPerson, with the unit's other recipients still returned so
// that the caller may decide to go on without them.
func (r *Resolver) AssigneeOf(ctx context.Context, unitID, userID string, roles ...string) (domain.Unit, []domain.Person, error) {
	if userID == "" {
		return r.MembersOf(ctx, unitID, roles...)
	}
	u, leaders, err := r.LeadersOf(ctx, unitID)
	if err != nil {
		return u, nil, err
	}
	p, err := r.dir.Person(ctx, userID)
	if errors.Is(err, domain.ErrNotFound) {
		return u, leaders, fmt.Errorf("%w: %s", ErrUnknownPerson, userID)
	}
	if err != nil {
		return u, nil, err
	}
	return u, Reachable(append([]domain.Person{p}, leaders...)), nil
}

// AgencyOf returns the agency a unit belongs to (itself for an agency).
func (r *Resolver) AgencyOf(ctx context.Context, unitID string) (domain.Unit, error) {
	u, err := r.Unit(ctx, unitID)
	if err != nil || u.AgencyID == "" || u.AgencyID == u.ID {
		return u, err
	}
	return r.Unit(ctx, u.AgencyID)
}

// ClerksOf returns the agency of unitID and the agency's reachable clerks,
// wherever in the agency they sit (a clerk registers for the whole agency).
func (r *Resolver) ClerksOf(ctx context.Context, unitID string) (domain.Unit, []domain.Person, error) {
	agency, err := r.AgencyOf(ctx, unitID)
	if err != nil {
		return agency, nil, err
	}
	people, err := r.dir.ActiveInAgencyWithRole(ctx, agency.ID, domain.RoleClerk)
	if err != nil {
		return agency, nil, err
	}
	return agency, Reachable(people), nil
}

// Reachable keeps the people who may be told anything, each once, by id.
func Reachable(people []domain.Person) []domain.Person {
	out := make([]domain.Person, 0, len(people))
	for _, p := range people {
		if p.Reachable() && !slices.ContainsFunc(out, func(o domain.Person) bool { return o.ID == p.ID }) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b domain.Person) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	return out
}
