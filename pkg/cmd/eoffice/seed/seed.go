package seed

import (
	"context"
	"fmt"
	"net/http"
	"slices"
)

// Counts says what a run did to one kind of thing.
type Counts struct {
	Created, Updated, Unchanged int
}

// Result is the summary of a run.
type Result struct {
	Units, Users Counts
	// Inactive lists usernames that exist but are deactivated: the seed
	// does not bring people back.
	Inactive []string
	// UnitIDs maps the file's unit keys to the server's ids (for a caller
	// that goes on to use the units, e.g. the demo).
	UnitIDs map[string]string
}

// Progress is told after each unit or user, with how many of total are
// done.
type Progress func(done, total int)

type serverUnit struct {
	ID        string  `json:"id"`
	Kind      string  `json:"kind"`
	Code      *string `json:"code"`
	Name      string  `json:"name"`
	ShortName string  `json:"short_name"`
	ParentID  *string `json:"parent_id"`
	Active    bool    `json:"active"`

	PlaceName      *string `json:"place_name"`
	Regime         *string `json:"regime"`
	HeadTitle      *string `json:"head_title"`
	CollectiveName *string `json:"collective_name"`
}

type serverUser struct {
	ID       string   `json:"id"`
	Username string   `json:"username"`
	FullName string   `json:"full_name"`
	Email    string   `json:"email"`
	UnitID   *string  `json:"unit_id"`
	Roles    []string `json:"roles"`
	Title    string   `json:"title"`
	Position *string  `json:"position"`
	Active   bool     `json:"active"`
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

type sibling struct{ parent, short string }

// Run creates what is missing and updates what differs, units first
// (parents before children), then users. It stops at the first refusal;
// what it did so far stays, and running again carries on.
func Run(ctx context.Context, c *Client, f File, progress Progress) (Result, error) {
	var res Result
	if err := f.Check(); err != nil {
		return res, err
	}
	units, err := f.ordered()
	if err != nil {
		return res, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	total, done := len(units)+len(f.Users), 0

	existing, err := all[serverUnit](ctx, c, "/v1/units")
	if err != nil {
		return res, err
	}
	bySibling := map[sibling]serverUnit{}
	for _, u := range existing {
		if u.Active {
			bySibling[sibling{deref(u.ParentID), u.ShortName}] = u
		}
	}
	ids := map[string]string{} // unit key → id
	res.UnitIDs = ids
	facts := derivedFacts(units, f.Users)
	unitByKey := map[string]Unit{}
	for _, u := range units {
		unitByKey[u.Key] = u
		id, outcome, err := seedUnit(ctx, c, u, facts[u.Key], ids[u.Parent], bySibling)
		if err != nil {
			return res, fmt.Errorf("unit %q: %w", u.Key, err)
		}
		ids[u.Key] = id
		count(&res.Units, outcome)
		done++
		progress(done, total)
	}

	people, err := all[serverUser](ctx, c, "/v1/users")
	if err != nil {
		return res, err
	}
	byName := map[string]serverUser{}
	for _, u := range people {
		byName[u.Username] = u
	}
	for _, u := range f.Users {
		have, ok := byName[u.Username]
		position := derivedPosition(u, unitByKey)
		var outcome int
		switch {
		case !ok:
			body := map[string]any{
				"username": u.Username, "full_name": u.FullName, "email": u.Email, "unit_id": ids[u.Unit],
				"roles": u.Roles, "title": u.Title, "password": u.Password,
			}
			if position != "" {
				body["position"] = position
			}
			err = c.call(ctx, http.MethodPost, "/v1/users", body, nil)
			outcome = created
		case !have.Active:
			res.Inactive = append(res.Inactive, u.Username)
			outcome = unchanged
		default:
			outcome, err = updateUser(ctx, c, u, position, ids[u.Unit], have)
		}
		if err != nil {
			return res, fmt.Errorf("user %q: %w", u.Username, err)
		}
		count(&res.Users, outcome)
		done++
		progress(done, total)
	}
	return res, nil
}

const (
	created = iota
	updated
	unchanged
)

func count(c *Counts, outcome int) {
	switch outcome {
	case created:
		c.Created++
	case updated:
		c.Updated++
	default:
		c.Unchanged++
	}
}

func seedUnit(ctx context.Context, c *Client, u Unit, facts agencyFacts, parentID string, bySibling map[sibling]serverUnit) (string, int, error) {
	kind := u.Kind
	if kind == "" {
		kind = "agency"
	}
	have, ok := bySibling[sibling{parentID, u.ShortName}]
	if !ok {
		body := map[string]any{"kind": kind, "name": u.Name, "short_name": u.ShortName}
		if parentID != "" {
			body["parent_id"] = parentID
		}
		if u.Code != "" {
			body["code"] = u.Code
		}
		for k, v := range facts.fields() {
			if v != "" {
				body[k] = v
			}
		}
		var made serverUnit
		if err := c.call(ctx, http.MethodPost, "/v1/units", body, &made); err != nil {
			return "", 0, err
		}
		bySibling[sibling{parentID, u.ShortName}] = made
		return made.ID, created, nil
	}
	if have.Kind != kind {
		return "", 0, fmt.Errorf("the server's unit %s is a %s, the file says %s; kinds do not change", have.ID, have.Kind, kind)
	}
	patch := map[string]any{}
	if have.Name != u.Name {
		patch["name"] = u.Name
	}
	// A code the file leaves out is not removed: it may have been set on
	// the server since.
	if u.Code != "" && deref(have.Code) != u.Code {
		patch["code"] = u.Code
	}
	given := agencyFacts{PlaceName: u.PlaceName, Regime: u.Regime, HeadTitle: u.HeadTitle, CollectiveName: u.CollectiveName}.fields()
	haveFacts := agencyFacts{PlaceName: deref(have.PlaceName), Regime: deref(have.Regime), HeadTitle: deref(have.HeadTitle),
		CollectiveName: deref(have.CollectiveName)}.fields()
	for k, want := range facts.fields() {
		if want != "" && haveFacts[k] != want && (given[k] != "" || haveFacts[k] == "") {
			patch[k] = want
		}
	}
	if len(patch) == 0 {
		return have.ID, unchanged, nil
	}
	return have.ID, updated, c.call(ctx, http.MethodPatch, "/v1/units/"+have.ID, patch, nil)
}

// updateUser patches what differs; the password is never touched (its
// owner may have changed it).
func updateUser(ctx context.Context, c *Client, u User, position, unitID string, have serverUser) (int, error) {
	patch := map[string]any{}
	if have.FullName != u.FullName {
		patch["full_name"] = u.FullName
	}
	if have.Email != u.Email {
		patch["email"] = u.Email
	}
	if deref(have.UnitID) != unitID {
		patch["unit_id"] = unitID
	}
	if have.Title != u.Title {
		patch["title"] = u.Title
	}
	if position != "" && deref(have.Position) != position && (u.Position != "" || deref(have.Position) == "") {
		patch["position"] = position
	}
	want, got := slices.Clone(u.Roles), slices.Clone(have.Roles)
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(slices.Compact(want), got) {
		patch["roles"] = u.Roles
	}
	if len(patch) == 0 {
		return unchanged, nil
	}
	return updated, c.call(ctx, http.MethodPatch, "/v1/users/"+have.ID, patch, nil)
}

// fields are the facts by identity's field names.
func (f agencyFacts) fields() map[string]string {
	return map[string]string{"place_name": f.PlaceName, "regime": f.Regime, "head_title": f.HeadTitle, "collective_name": f.CollectiveName}
}
