-- +goose Up
-- The people of the unit tree, a read model of identity's user.created /
-- user.updated / user.deactivated: enough to check that a task delegated
-- to a named person goes to an active user of the target unit. event_time
-- keeps an older event from overwriting a newer one.
CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    unit_id    TEXT NOT NULL DEFAULT '',
    agency_id  TEXT NOT NULL DEFAULT '',
    full_name  TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL,
    event_time TEXT NOT NULL
);
CREATE INDEX users_unit ON users (unit_id);

-- "My tasks": a named person's tasks, newest first.
CREATE INDEX tasks_assignee_user ON tasks (assignee_user_id, created_at) WHERE assignee_user_id <> '';

-- +goose Down
DROP INDEX tasks_assignee_user;
DROP TABLE users;
