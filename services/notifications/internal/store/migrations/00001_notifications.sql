-- +goose Up
-- Portable SQL: the same file runs on SQLite and PostgreSQL. Times are UTC
-- text of fixed width (nine fraction digits, Z) so that they sort as text.

-- The recipient directory: a read model of identity's units and users, built
-- from identity events. event_time is the ce_time of the last event applied,
-- so that an older event replayed late (say, from a dead-letter topic) never
-- undoes a newer one.
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

-- One row per role so that "the leaders of a unit" is an indexed join on
-- both databases.
CREATE TABLE directory_roles (
    person_id TEXT NOT NULL,
    role      TEXT NOT NULL,
    PRIMARY KEY (person_id, role)
);

-- In-app notifications. A person gets each notification once: the event that
-- caused it and its type make it unique per person, whatever the number of
-- deliveries of that event.
CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    type       TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    link       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    read_at    TEXT,
    CONSTRAINT notifications_once UNIQUE (user_id, event_id, type)
);
CREATE INDEX notifications_inbox ON notifications (user_id, created_at, id);
CREATE INDEX notifications_unread ON notifications (user_id, created_at, id) WHERE read_at IS NULL;

-- +goose Down
DROP TABLE notifications;
DROP TABLE directory_roles;
DROP TABLE directory_people;
DROP TABLE directory_units;
