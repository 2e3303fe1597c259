package domain

// Viewer is the caller as the access token describes them.
type Viewer struct {
	UserID   string
	UnitID   string
	AgencyID string
	Roles    []string
}

// HasRole reports whether the token grants role.
func (v Viewer) HasRole(role string) bool {
	for _, r := range v.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// CanSee reports whether the viewer sees a task whose assigner and assignee
// units belong to the given agencies: staff of either agency do.
func CanSee(v Viewer, assignerAgency, assigneeAgency string) bool {
	return v.AgencyID != "" && (v.AgencyID == assignerAgency || v.AgencyID == assigneeAgency)
}

// KnownAgency answers a unit's agency without the unit tree when the token
// already tells it: the caller's agency unit is its own agency, and the
// caller's unit lies in the caller's agency. ok is false otherwise.
func (v Viewer) KnownAgency(unitID string) (agency string, ok bool) {
	if v.AgencyID != "" && (unitID == v.AgencyID || unitID == v.UnitID) {
		return v.AgencyID, true
	}
	return "", false
}

// Box is a task list: the caller's incoming work or the work they gave.
type Box string

const (
	// BoxInbox: assigned to the caller's unit or a unit below it in the
	// same agency.
	BoxInbox Box = "inbox"
	// BoxOutbox: assigned by the caller's agency or by a unit at or below
	// the caller's unit.
	BoxOutbox Box = "outbox"
)

// ParseBox accepts inbox and outbox.
func ParseBox(s string) (Box, bool) {
	switch b := Box(s); b {
	case BoxInbox, BoxOutbox:
		return b, true
	}
	return "", false
}
