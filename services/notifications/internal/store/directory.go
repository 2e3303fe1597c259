package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// UpsertUnit records u as of eventTime; an older eventTime than the one
// stored changes nothing.
func (s *Store) UpsertUnit(ctx context.Context, q *store.Tx, u domain.Unit, eventTime time.Time) error {
	_, err := q.ExecContext(ctx, `
INSERT INTO directory_units (id, parent_id, kind, agency_id, name, short_name, active, event_time)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (id) DO UPDATE SET
    parent_id = excluded.parent_id, kind = excluded.kind, agency_id = excluded.agency_id,
    name = excluded.name, short_name = excluded.short_name, active = excluded.active,
    event_time = excluded.event_time
WHERE directory_units.event_time <= excluded.event_time`,
		u.ID, u.ParentID, u.Kind, u.AgencyID, u.Name, u.ShortName, u.Active, store.FormatTime(eventTime))
	if err != nil {
		return fmt.Errorf("upsert unit %s: %w", u.ID, err)
	}
	return nil
}

// Unit returns the unit with id, or ErrNotFound when the directory has not
// heard of it (yet).
func (s *Store) Unit(ctx context.Context, q store.Querier, id string) (domain.Unit, error) {
	var u domain.Unit
	err := q.QueryRowContext(ctx, `
SELECT id, parent_id, kind, agency_id, name, short_name, active
FROM directory_units WHERE id = $1`, id).
		Scan(&u.ID, &u.ParentID, &u.Kind, &u.AgencyID, &u.Name, &u.ShortName, &u.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("unit %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("unit %s: %w", id, err)
	}
	return u, nil
}

// UpsertPerson records p with its roles as of eventTime; an older eventTime
// than the one stored changes nothing.
func (s *Store) UpsertPerson(ctx context.Context, q *store.Tx, p domain.Person, eventTime time.Time) error {
	var id string
	err := q.QueryRowContext(ctx, `
INSERT INTO directory_people (id, username, full_name, email, unit_id, agency_id, title, active, event_time)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (id) DO UPDATE SET
    username = excluded.username, full_name = excluded.full_name, email = excluded.email,
    unit_id = excluded.unit_id, agency_id = excluded.agency_id, title = excluded.title,
    active = excluded.active, event_time = excluded.event_time
WHERE directory_people.event_time <= excluded.event_time
RETURNING id`,
		p.ID, p.Username, p.FullName, p.Email, p.UnitID, p.AgencyID, p.Title, p.Active, store.FormatTime(eventTime)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // a newer version is already recorded
	}
	if err != nil {
		return fmt.Errorf("upsert person %s: %w", p.ID, err)
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM directory_roles WHERE person_id = $1`, p.ID); err != nil {
		return fmt.Errorf("roles of person %s: %w", p.ID, err)
	}
	roles := slices.Clone(p.Roles)
	slices.Sort(roles)
	for _, r := range slices.Compact(roles) {
		if _, err := q.ExecContext(ctx, `INSERT INTO directory_roles (person_id, role) VALUES ($1, $2)`, p.ID, r); err != nil {
			return fmt.Errorf("roles of person %s: %w", p.ID, err)
		}
	}
	return nil
}

// DeactivatePerson marks the person inactive as of eventTime. A person the
// directory has not seen yet is recorded as inactive, so that their creation
// arriving later (with an older time) cannot make them reachable.
func (s *Store) DeactivatePerson(ctx context.Context, q *store.Tx, id, unitID string, eventTime time.Time) error {
	_, err := q.ExecContext(ctx, `
INSERT INTO directory_people (id, unit_id, active, event_time) VALUES ($1, $2, FALSE, $3)
ON CONFLICT (id) DO UPDATE SET active = FALSE, event_time = excluded.event_time
WHERE directory_people.event_time <= excluded.event_time`,
		id, unitID, store.FormatTime(eventTime))
	if err != nil {
		return fmt.Errorf("deactivate person %s: %w", id, err)
	}
	return nil
}

const personColumns = `p.id, p.username, p.full_name, p.email, p.unit_id, p.agency_id, p.title, p.active`

// Person returns the person with id and their roles, or ErrNotFound.
func (s *Store) Person(ctx context.Context, q store.Querier, id string) (domain.Person, error) {
	var p domain.Person
	err := q.QueryRowContext(ctx, `SELECT `+personColumns+` FROM directory_people p WHERE p.id = $1`, id).
		Scan(&p.ID, &p.Username, &p.FullName, &p.Email, &p.UnitID, &p.AgencyID, &p.Title, &p.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("person %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("person %s: %w", id, err)
	}
	roles, err := s.roles(ctx, q, id)
	if err != nil {
		return p, err
	}
	p.Roles = roles
	return p, nil
}

func (s *Store) roles(ctx context.Context, q store.Querier, personID string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT role FROM directory_roles WHERE person_id = $1 ORDER BY role`, personID)
	if err != nil {
		return nil, fmt.Errorf("roles of person %s: %w", personID, err)
	}
	defer rows.Close()
	roles := []string{}
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, fmt.Errorf("roles of person %s: %w", personID, err)
		}
		roles = append(roles, r)
	}
	return roles, rows.Err()
}

// ActiveWithRole lists the active people of unit holding role, by id. The
// returned people carry only that role in Roles.
func (s *Store) ActiveWithRole(ctx context.Context, q store.Querier, unitID, role string) ([]domain.Person, error) {
	rows, err := q.QueryContext(ctx, `
SELECT `+personColumns+`
FROM directory_people p JOIN directory_roles r ON r.person_id = p.id AND r.role = $2
WHERE p.unit_id = $1 AND p.active = TRUE
ORDER BY p.id`, unitID, role)
	if err != nil {
		return nil, fmt.Errorf("people of unit %s with role %s: %w", unitID, role, err)
	}
	defer rows.Close()
	var people []domain.Person
	for rows.Next() {
		var p domain.Person
		if err := rows.Scan(&p.ID, &p.Username, &p.FullName, &p.Email, &p.UnitID, &p.AgencyID, &p.Title, &p.Active); err != nil {
			return nil, fmt.Errorf("people of unit %s: %w", unitID, err)
		}
		p.Roles = []string{role}
		people = append(people, p)
	}
	return people, rows.Err()
}

// ActiveInAgencyWithRole lists the active people holding role anywhere in
// the agency (its own unit or its divisions), by id: clerical work belongs
// to the agency, wherever its clerks sit.
func (s *Store) ActiveInAgencyWithRole(ctx context.Context, q store.Querier, agencyID, role string) ([]domain.Person, error) {
	rows, err := q.QueryContext(ctx, `
SELECT `+personColumns+`
FROM directory_people p JOIN directory_roles r ON r.person_id = p.id AND r.role = $2
WHERE p.agency_id = $1 AND p.active = TRUE
ORDER BY p.id`, agencyID, role)
	if err != nil {
		return nil, fmt.Errorf("people of agency %s with role %s: %w", agencyID, role, err)
	}
	defer rows.Close()
	var people []domain.Person
	for rows.Next() {
		var p domain.Person
		if err := rows.Scan(&p.ID, &p.Username, &p.FullName, &p.Email, &p.UnitID, &p.AgencyID, &p.Title, &p.Active); err != nil {
			return nil, fmt.Errorf("people of agency %s: %w", agencyID, err)
		}
		p.Roles = []string{role}
		people = append(people, p)
	}
	return people, rows.Err()
}

// DirectoryHorizon is the time of the most recent identity event the
// directory has applied (zero when empty): how far it has caught up.
func (s *Store) DirectoryHorizon(ctx context.Context, q store.Querier) (time.Time, error) {
	var latest sql.NullString
	err := q.QueryRowContext(ctx, `
SELECT MAX(t) FROM (
    SELECT MAX(event_time) AS t FROM directory_units
    UNION ALL SELECT MAX(event_time) FROM directory_people
) AS latest`).Scan(&latest)
	if err != nil {
		return time.Time{}, fmt.Errorf("directory horizon: %w", err)
	}
	if !latest.Valid {
		return time.Time{}, nil
	}
	return store.ParseTime(latest.String)
}
