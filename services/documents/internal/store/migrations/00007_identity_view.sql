-- +goose Up
-- The unit directory and the people now live in the shared identity read
-- model (pkg/identityview, migrated before this file). Rows kept so far
-- move there as of the zero time: they recorded no event time, so any
-- event about them replaces them.
INSERT INTO identity_units (id, parent_id, kind, agency_id, code, name, short_name, active, event_time)
SELECT id, parent_id, kind, agency_id, code, name, short_name, active, '0001-01-01T00:00:00.000000000Z' FROM units;
INSERT INTO identity_people (id, full_name, title, unit_id, active, event_time)
SELECT id, full_name, title, unit_id, active, '0001-01-01T00:00:00.000000000Z' FROM users;
DROP TABLE users;
DROP TABLE units;

-- +goose Down
CREATE TABLE units (
    id         TEXT PRIMARY KEY,
    parent_id  TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL,
    code       TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL DEFAULT '',
    short_name TEXT NOT NULL DEFAULT '',
    agency_id  TEXT NOT NULL,
    active     BOOLEAN NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    full_name  TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    unit_id    TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL,
    updated_at TEXT NOT NULL
);
