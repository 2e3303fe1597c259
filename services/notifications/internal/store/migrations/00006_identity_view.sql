-- +goose Up
-- The directory (units, people and their roles, integration clients) now
-- lives in the shared identity read model (pkg/identityview, migrated
-- before this file). Rows kept so far move there with the event times
-- they recorded, so that an older event still changes nothing.
INSERT INTO identity_units (id, parent_id, kind, agency_id, name, short_name, active, event_time)
SELECT id, parent_id, kind, agency_id, name, short_name, active, event_time FROM directory_units;
INSERT INTO identity_people (id, username, full_name, email, unit_id, agency_id, title, active, event_time)
SELECT id, username, full_name, email, unit_id, agency_id, title, active, event_time FROM directory_people;
INSERT INTO identity_roles (person_id, role) SELECT person_id, role FROM directory_roles;
INSERT INTO identity_clients (id, name, scopes, agency_id, active, event_time)
SELECT id, name, scopes, agency_id, active, event_time FROM directory_clients;
DROP TABLE directory_clients;
DROP TABLE directory_roles;
DROP TABLE directory_people;
DROP TABLE directory_units;

-- +goose Down
CREATE TABLE directory_units (
    id         TEXT PRIMARY KEY,
    parent_id  TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL DEFAULT '',
    agency_id  TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL DEFAULT '',
    short_name TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL,
    event_time TEXT NOT NULL
);
CREATE TABLE directory_people (
    id         TEXT PRIMARY KEY,
    username   TEXT NOT NULL DEFAULT '',
    full_name  TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    unit_id    TEXT NOT NULL DEFAULT '',
    agency_id  TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL,
    event_time TEXT NOT NULL
);
CREATE INDEX directory_people_unit ON directory_people (unit_id);
CREATE TABLE directory_roles (
    person_id TEXT NOT NULL,
    role      TEXT NOT NULL,
    PRIMARY KEY (person_id, role)
);
CREATE TABLE directory_clients (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    scopes     TEXT NOT NULL DEFAULT '',
    agency_id  TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL,
    event_time TEXT NOT NULL
);
