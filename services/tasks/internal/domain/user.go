package domain

import "github.com/eoffice-vn/eoffice/pkg/apperr"

// User is the tasks service's copy of identity's user: enough to tell
// whether a named person may be given a task of a unit.
type User struct {
	ID       string
	UnitID   string
	AgencyID string
	FullName string
	Active   bool
}

// Validate checks what the read model needs of a user.
func (u User) Validate() error {
	var v apperr.Validator
	v.Check(u.ID != "", "user_id", "is required")
	return v.Err()
}
