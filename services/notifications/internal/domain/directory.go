package domain

import (
	"slices"

	"github.com/eoffice-vn/eoffice/pkg/identityview"
)

// Roles a person may hold (identity's names).
const (
	RoleAdmin      = "admin"
	RoleLeader     = "leader"
	RoleClerk      = "clerk"
	RoleSpecialist = "specialist"
)

// Unit is identity's unit as the shared read model keeps it.
type Unit = identityview.Unit

// Person is the directory's copy of an identity user: who may be told
// something and where to reach them. It keeps its own type for the methods
// below; the store converts identityview.Person into it in one place.
type Person struct {
	ID       string
	Username string
	FullName string
	Email    string
	UnitID   string
	AgencyID string
	Roles    []string
	Title    string
	Active   bool
}

// HasRole reports whether the person holds role.
func (p Person) HasRole(role string) bool { return slices.Contains(p.Roles, role) }

// Reachable reports whether the person may receive notifications at all:
// deactivated people are never told anything.
func (p Person) Reachable() bool { return p.Active }
