package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"
)

// User is a person of the directory: what a document names of them.
type User struct {
	ID       string
	FullName string
	Title    string
	UnitID   string
	Active   bool
}

// User returns a person of the shared identity read model
// (pkg/identityview) or ErrNotFound.
func (s *Store) User(ctx context.Context, q store.Querier, id string) (User, error) {
	p, err := identityview.GetPerson(ctx, q, id)
	if errors.Is(err, identityview.ErrNotFound) {
		return User{}, fmt.Errorf("user %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return User{}, err
	}
	return User{ID: p.ID, FullName: p.FullName, Title: p.Title, UnitID: p.UnitID, Active: p.Active}, nil
}
