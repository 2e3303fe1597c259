package identityview

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

const personColumns = `p.id, p.username, p.full_name, p.email, p.unit_id, p.agency_id, p.title, p.position, p.active`

// PutPerson records p and its roles as of v unless the read model holds a
// newer version; applied tells whether it did.
func PutPerson(ctx context.Context, tx *store.Tx, p Person, v Version) (applied bool, err error) {
	if p.ID == "" {
		return false, fmt.Errorf("person without an id: %w", ErrInvalid)
	}
	var id string
	err = tx.QueryRowContext(ctx, `
INSERT INTO identity_people (id, username, full_name, email, unit_id, agency_id, title, position, active, event_time, event_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (id) DO UPDATE SET username = excluded.username, full_name = excluded.full_name,
    email = excluded.email, unit_id = excluded.unit_id, agency_id = excluded.agency_id,
    title = excluded.title, position = excluded.position, active = excluded.active,
    event_time = excluded.event_time, event_id = excluded.event_id`+
		newer("identity_people")+` RETURNING id`,
		p.ID, p.Username, p.FullName, p.Email, p.UnitID, p.AgencyID, p.Title, p.Position, p.Active,
		store.FormatTime(v.Time), v.EventID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("put person %s: %w", p.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM identity_roles WHERE person_id = $1`, p.ID); err != nil {
		return false, fmt.Errorf("roles of person %s: %w", p.ID, err)
	}
	for _, r := range sortedSet(p.Roles) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO identity_roles (person_id, role) VALUES ($1, $2)`, p.ID, r); err != nil {
			return false, fmt.Errorf("roles of person %s: %w", p.ID, err)
		}
	}
	forget(tx)
	return true, nil
}

// DeactivatePerson marks the person inactive as of v. A person not seen yet
// is recorded inactive, so that their creation arriving later (with an
// older version) cannot make them reachable again.
func DeactivatePerson(ctx context.Context, tx *store.Tx, id, unitID string, v Version) error {
	if id == "" {
		return fmt.Errorf("person without an id: %w", ErrInvalid)
	}
	_, err := tx.ExecContext(ctx, `
INSERT INTO identity_people (id, unit_id, active, event_time, event_id) VALUES ($1, $2, FALSE, $3, $4)
ON CONFLICT (id) DO UPDATE SET active = FALSE,
    event_time = excluded.event_time, event_id = excluded.event_id`+newer("identity_people"),
		id, unitID, store.FormatTime(v.Time), v.EventID)
	if err != nil {
		return fmt.Errorf("deactivate person %s: %w", id, err)
	}
	forget(tx)
	return nil
}

// GetPerson returns the person id with their roles, or an error wrapping
// ErrNotFound.
func GetPerson(ctx context.Context, q store.Querier, id string) (Person, error) {
	var p Person
	err := q.QueryRowContext(ctx, `SELECT `+personColumns+` FROM identity_people p WHERE p.id = $1`, id).
		Scan(&p.ID, &p.Username, &p.FullName, &p.Email, &p.UnitID, &p.AgencyID, &p.Title, &p.Position, &p.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, fmt.Errorf("person %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Person{}, fmt.Errorf("person %s: %w", id, err)
	}
	rows, err := q.QueryContext(ctx, `SELECT role FROM identity_roles WHERE person_id = $1 ORDER BY role`, id)
	if err != nil {
		return Person{}, fmt.Errorf("roles of person %s: %w", id, err)
	}
	defer rows.Close()
	p.Roles = []string{}
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return Person{}, fmt.Errorf("roles of person %s: %w", id, err)
		}
		p.Roles = append(p.Roles, r)
	}
	return p, rows.Err()
}

// ActiveInUnitWithRole lists the active people of unit holding role, by
// id. Each carries only that role in Roles.
func ActiveInUnitWithRole(ctx context.Context, q store.Querier, unitID, role string) ([]Person, error) {
	return activeWithRole(ctx, q, "p.unit_id", unitID, role)
}

// ActiveInAgencyWithRole lists the active people holding role anywhere in
// the agency (its own unit or its divisions), by id.
func ActiveInAgencyWithRole(ctx context.Context, q store.Querier, agencyID, role string) ([]Person, error) {
	return activeWithRole(ctx, q, "p.agency_id", agencyID, role)
}

// activeWithRole lists the active people whose col is val holding role,
// from the cache where there is one (as GetUnit does).
func activeWithRole(ctx context.Context, q store.Querier, col, val, role string) ([]Person, error) {
	c := cacheOf(q)
	if c == nil {
		return queryActiveWithRole(ctx, q, col, val, role)
	}
	k := roleKey{col, val, role}
	if ps, ok := c.people(k); ok {
		return ps, nil
	}
	gen := c.generation()
	ps, err := queryActiveWithRole(ctx, c.db, col, val, role)
	if err != nil {
		return nil, err
	}
	keep(c, gen, c.roles, k, clonePeople(ps))
	if _, inTx := q.(*store.Tx); inTx && len(ps) == 0 {
		return queryActiveWithRole(ctx, q, col, val, role) // people not committed yet
	}
	return ps, nil
}

func queryActiveWithRole(ctx context.Context, q store.Querier, col, val, role string) ([]Person, error) {
	rows, err := q.QueryContext(ctx, `
SELECT `+personColumns+`
FROM identity_people p JOIN identity_roles r ON r.person_id = p.id AND r.role = $2
WHERE `+col+` = $1 AND p.active = TRUE
ORDER BY p.id`, val, role)
	if err != nil {
		return nil, fmt.Errorf("people of %s with role %s: %w", val, role, err)
	}
	defer rows.Close()
	var people []Person
	for rows.Next() {
		var p Person
		if err := rows.Scan(&p.ID, &p.Username, &p.FullName, &p.Email, &p.UnitID, &p.AgencyID, &p.Title, &p.Position, &p.Active); err != nil {
			return nil, fmt.Errorf("people of %s: %w", val, err)
		}
		p.Roles = []string{role}
		people = append(people, p)
	}
	return people, rows.Err()
}

// sortedSet is words sorted without repeats or blanks.
func sortedSet(words []string) []string {
	out := slices.DeleteFunc(slices.Clone(words), func(s string) bool { return strings.TrimSpace(s) == "" })
	slices.Sort(out)
	return slices.Compact(out)
}
