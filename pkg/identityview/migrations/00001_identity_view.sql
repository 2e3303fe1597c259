-- +goose Up
-- The identity read model a service keeps from identity's events (units,
-- people, integration clients). Portable SQL, as the services' own: times
-- are fixed-width UTC text, absent ids ''. Every row records the version
-- of identity's state it holds — the event's time (ce_time) and id, the
-- tie-break — so that an older or redelivered event never overwrites a
-- newer one. A row answered by identity's API while its events lagged
-- is recorded as of the zero time: any event about it replaces it.
CREATE TABLE identity_units (
    id         TEXT PRIMARY KEY,
    parent_id  TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL,
    -- The nearest agency at or above the unit (itself for an agency).
    agency_id  TEXT NOT NULL,
    code       TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL DEFAULT '',
    short_name TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL,
    event_time TEXT NOT NULL,
    event_id   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX identity_units_parent ON identity_units (parent_id);
CREATE INDEX identity_units_agency ON identity_units (agency_id);

CREATE TABLE identity_people (
    id         TEXT PRIMARY KEY,
    username   TEXT NOT NULL DEFAULT '',
    full_name  TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    unit_id    TEXT NOT NULL DEFAULT '',
    agency_id  TEXT NOT NULL DEFAULT '',
    -- The position (chức vụ) a document names its signer by.
    title      TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL,
    event_time TEXT NOT NULL,
    event_id   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX identity_people_unit ON identity_people (unit_id);
CREATE INDEX identity_people_agency ON identity_people (agency_id);

-- One row per role so that "the leaders of a unit" is an indexed join on
-- both databases.
CREATE TABLE identity_roles (
    person_id TEXT NOT NULL,
    role      TEXT NOT NULL,
    PRIMARY KEY (person_id, role)
);

CREATE TABLE identity_clients (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    -- Space-separated, sorted.
    scopes     TEXT NOT NULL DEFAULT '',
    -- The one agency whose events it receives; empty: every agency's.
    agency_id  TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL,
    event_time TEXT NOT NULL,
    event_id   TEXT NOT NULL DEFAULT ''
);

-- +goose Down
DROP TABLE identity_clients;
DROP TABLE identity_roles;
DROP TABLE identity_people;
DROP TABLE identity_units;
