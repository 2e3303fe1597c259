package domain

import "slices"

// Roles the rules below check.
const (
	RoleAdmin      = "admin"
	RoleLeader     = "leader"
	RoleClerk      = "clerk"
	RoleSpecialist = "specialist"
)

// Actor is the person acting, as the access token names them.
type Actor struct {
	UserID   string
	Name     string
	UnitID   string
	AgencyID string
	Roles    []string
	// Exchange: the exchange service's own client (svc-exchange with
	// documents:read), which reads what goes outside the deployment to
	// build its packages, whatever agency issued it.
	Exchange bool
}

// Has reports whether the actor holds role.
func (a Actor) Has(role string) bool { return slices.Contains(a.Roles, role) }

// CanDraft reports whether the actor may draft documents for their agency:
// staff of a unit (not the unit-less administrator) who draft, sign or issue.
func (a Actor) CanDraft() bool {
	return a.UnitID != "" && a.AgencyID != "" &&
		(a.Has(RoleLeader) || a.Has(RoleSpecialist) || a.Has(RoleClerk))
}

// leads reports whether the actor is a leader of the agency unit itself:
// approving and signing belong to them, not to a division's leader.
func (a Actor) leads(agencyID string) bool {
	return a.Has(RoleLeader) && a.UnitID != "" && a.UnitID == agencyID
}

// clerks reports whether the actor is a clerk of the agency, wherever in it
// they sit (usually its office division).
func (a Actor) clerks(agencyID string) bool {
	return a.Has(RoleClerk) && a.AgencyID != "" && a.AgencyID == agencyID
}
