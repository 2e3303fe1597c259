package domain

import "slices"

// Roles a person may hold (identity's names).
const (
	RoleAdmin      = "admin"
	RoleLeader     = "leader"
	RoleClerk      = "clerk"
	RoleSpecialist = "specialist"
)

// Unit is the directory's copy of an identity unit.
type Unit struct {
	ID        string
	ParentID  string
	Kind      string // agency or division
	AgencyID  string
	Name      string
	ShortName string
	Active    bool
}

// Person is the directory's copy of an identity user: who may be told
// something and where to reach them.
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
