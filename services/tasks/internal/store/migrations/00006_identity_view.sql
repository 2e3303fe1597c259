-- +goose Up
-- The unit tree and the people now live in the shared identity read model
-- (pkg/identityview, migrated before this file). Rows kept so far move
-- there: units as of the zero time, since they recorded no event time and
-- any event replaced them; people as of the event time they recorded.
INSERT INTO identity_units (id, parent_id, kind, agency_id, code, name, short_name, active, event_time)
SELECT id, parent_id, kind, agency_id, code, name, short_name, active, '0001-01-01T00:00:00.000000000Z' FROM units;
INSERT INTO identity_people (id, unit_id, agency_id, full_name, active, event_time)
SELECT id, unit_id, agency_id, full_name, active, event_time FROM users;
DROP TABLE users;
DROP TABLE units;

-- +goose Down
CREATE TABLE units (
    id         TEXT PRIMARY KEY,
    parent_id  TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL,
    agency_id  TEXT NOT NULL,
    code       TEXT NOT NULL DEFAULT '',
    short_name TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX units_parent ON units (parent_id);
CREATE INDEX units_agency ON units (agency_id);
CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    unit_id    TEXT NOT NULL DEFAULT '',
    agency_id  TEXT NOT NULL DEFAULT '',
    full_name  TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL,
    event_time TEXT NOT NULL
);
CREATE INDEX users_unit ON users (unit_id);
