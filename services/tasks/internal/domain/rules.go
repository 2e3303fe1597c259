package domain

import "slices"

// Role names of the access token (pkg/auth), repeated here so that the
// rules below read without the transport's package.
const (
	roleLeader     = "leader"
	roleSpecialist = "specialist"
)

// Place is where a task's units sit in the unit tree, as far as the rules
// of "Who sees what" need it.
type Place struct {
	AssignerAgency string
	AssigneeAgency string
	// AssigneeChain is the assignee unit and the units above it inside its
	// agency, nearest first (the agency unit last).
	AssigneeChain []string
}

// Sees: staff of the assigner's or the assignee's agency.
func (p Place) Sees(v Viewer) bool { return CanSee(v, p.AssignerAgency, p.AssigneeAgency) }

// IsMember: the caller belongs to the assignee unit itself, or is the
// person named on the task (accept, report, request an extension).
func (p Place) IsMember(v Viewer, t Task) bool {
	return (v.UnitID != "" && v.UnitID == t.AssigneeUnitID) || IsNamed(v, t)
}

// IsNamed: the caller is the person the task was delegated to. They see it
// and work on it even after moving to another unit, until it is handed on.
func IsNamed(v Viewer, t Task) bool {
	return v.UserID != "" && v.UserID == t.AssigneeUserID
}

// leaderAtOrAbove: a leader of the assignee unit or of a unit above it in
// the assignee's agency.
func (p Place) leaderAtOrAbove(v Viewer) bool {
	return v.HasRole(roleLeader) && v.AgencyID == p.AssigneeAgency && slices.Contains(p.AssigneeChain, v.UnitID)
}

// MayAccept: a member of the assignee unit, or a leader above it in its
// agency.
func (p Place) MayAccept(v Viewer, t Task) bool { return p.IsMember(v, t) || p.leaderAtOrAbove(v) }

// MayDelegate: a leader of the assignee unit or above it in its agency.
func (p Place) MayDelegate(v Viewer) bool { return p.leaderAtOrAbove(v) }

// MayReview: a leader or specialist of the assigner's agency.
func (p Place) MayReview(v Viewer) bool {
	return v.AgencyID == p.AssignerAgency && (v.HasRole(roleLeader) || v.HasRole(roleSpecialist))
}

// MayDecideExtension: a leader of the assigner's agency.
func (p Place) MayDecideExtension(v Viewer) bool {
	return v.AgencyID == p.AssignerAgency && v.HasRole(roleLeader)
}

// MaySeeUnitFigures: a unit's processing-time figures (analytics) are read
// by the staff of its agency, who see every task assigned to it (CanSee).
func (p Place) MaySeeUnitFigures(v Viewer) bool {
	return v.AgencyID != "" && v.AgencyID == p.AssigneeAgency
}

// MaySeePersonFigures: a person's figures in a unit are read by that
// person, and by the unit's head — a leader of the unit or of a unit above
// it in its agency — and by no colleague.
func (p Place) MaySeePersonFigures(v Viewer, userID string) bool {
	return (v.UserID != "" && v.UserID == userID) || p.leaderAtOrAbove(v)
}

// IsLeader: the token grants the leader role.
func (v Viewer) IsLeader() bool { return v.HasRole(roleLeader) }
