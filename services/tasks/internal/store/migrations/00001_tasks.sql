-- +goose Up
-- Portable SQL: the same file runs on SQLite and PostgreSQL. Times are UTC
-- text of fixed width (2006-01-02T15:04:05.000000000Z) so they sort and
-- compare as text; dates are YYYY-MM-DD text. Absent ids are '' rather than
-- NULL, so that UNIQUE natural keys hold on both databases.

-- The unit tree, a read model of identity's unit.created / unit.updated
-- (and of units fetched from identity's API while the events lag).
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

CREATE TABLE tasks (
    id                 TEXT PRIMARY KEY,
    -- document | plan_item | direction | delegation: how the task arose.
    origin             TEXT NOT NULL,
    source_document_id TEXT NOT NULL,
    source_kind        TEXT NOT NULL DEFAULT '',
    source_notation    TEXT NOT NULL DEFAULT '',
    confidentiality    TEXT NOT NULL DEFAULT 'normal',
    urgency            TEXT NOT NULL DEFAULT 'normal',
    plan_item_id       TEXT NOT NULL DEFAULT '',
    parent_task_id     TEXT NOT NULL DEFAULT '',
    assigner_unit_id   TEXT NOT NULL,
    assignee_unit_id   TEXT NOT NULL,
    assignee_user_id   TEXT NOT NULL DEFAULT '',
    role               TEXT NOT NULL,
    title              TEXT NOT NULL,
    due_date           TEXT NOT NULL,
    status             TEXT NOT NULL,
    progress_percent   INTEGER NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    completed_at       TEXT,
    cancelled_at       TEXT,
    version            INTEGER NOT NULL DEFAULT 1,
    -- The natural key: an event handled twice, or two ways of assigning the
    -- same work, can never create the same obligation twice.
    CONSTRAINT tasks_natural_key UNIQUE (source_document_id, origin, plan_item_id, parent_task_id,
                                         assignee_unit_id, assignee_user_id, role)
);
CREATE INDEX tasks_assignee ON tasks (assignee_unit_id, created_at);
CREATE INDEX tasks_assigner ON tasks (assigner_unit_id, created_at);
CREATE INDEX tasks_parent ON tasks (parent_task_id);
CREATE INDEX tasks_due_open ON tasks (due_date, status);

-- Everything that happened to a task, in order.
CREATE TABLE task_history (
    task_id       TEXT NOT NULL REFERENCES tasks (id),
    seq           INTEGER NOT NULL,
    action        TEXT NOT NULL,
    actor_user_id TEXT NOT NULL DEFAULT '',
    actor_unit_id TEXT NOT NULL DEFAULT '',
    at            TEXT NOT NULL,
    from_status   TEXT NOT NULL DEFAULT '',
    to_status     TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    event_id      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (task_id, seq)
);

-- Reports on a task and their review. Written by a later slice; read now
-- so that GET /v1/tasks/{id} already has its final shape.
CREATE TABLE task_reports (
    id               TEXT PRIMARY KEY,
    task_id          TEXT NOT NULL REFERENCES tasks (id),
    author_user_id   TEXT NOT NULL,
    author_unit_id   TEXT NOT NULL,
    progress_percent INTEGER NOT NULL,
    summary          TEXT NOT NULL,
    result           TEXT NOT NULL DEFAULT '',
    final            BOOLEAN NOT NULL,
    submitted_at     TEXT NOT NULL,
    decision         TEXT NOT NULL DEFAULT '',
    review_comment   TEXT NOT NULL DEFAULT '',
    reviewed_by      TEXT NOT NULL DEFAULT '',
    reviewed_at      TEXT
);
CREATE INDEX task_reports_task ON task_reports (task_id, submitted_at);

-- +goose Down
DROP TABLE task_reports;
DROP TABLE task_history;
DROP TABLE tasks;
DROP TABLE units;
