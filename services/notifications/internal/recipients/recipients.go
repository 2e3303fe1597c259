// Package recipients answers "who is told" from the recipient directory: the
// one place that knows how a rule's audience (the leaders of a unit; later
// the clerks of an agency, an assigner, a person) maps to reachable people.
package recipients

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/store"
)

// ErrUnknownUnit means the directory has not heard of a unit. It usually
// lags identity by a moment, so the caller should retry, not give up.
var ErrUnknownUnit = errors.New("unit unknown to the recipient directory")

// Directory is what the resolver reads; *store.Store implements it.
type Directory interface {
	Unit(ctx context.Context, q store.Querier, id string) (domain.Unit, error)
	ActiveWithRole(ctx context.Context, q store.Querier, unitID, role string) ([]domain.Person, error)
}

// Resolver finds the people a notification goes to.
type Resolver struct {
	dir Directory
}

// New returns a resolver over dir.
func New(dir Directory) *Resolver { return &Resolver{dir: dir} }

// LeadersOf returns the unit and its reachable leaders (none when it has
// none); ErrUnknownUnit when the directory does not know the unit. Leaders
// of other units, above or below it, are not included.
func (r *Resolver) LeadersOf(ctx context.Context, q store.Querier, unitID string) (domain.Unit, []domain.Person, error) {
	u, err := r.dir.Unit(ctx, q, unitID)
	if errors.Is(err, store.ErrNotFound) {
		return u, nil, fmt.Errorf("%w: %s", ErrUnknownUnit, unitID)
	}
	if err != nil {
		return u, nil, err
	}
	people, err := r.dir.ActiveWithRole(ctx, q, unitID, domain.RoleLeader)
	if err != nil {
		return u, nil, err
	}
	reachable := people[:0]
	for _, p := range people {
		if p.Reachable() {
			reachable = append(reachable, p)
		}
	}
	return u, reachable, nil
}
