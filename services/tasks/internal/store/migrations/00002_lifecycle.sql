-- +goose Up
-- The task lifecycle: reports filed by replies, extension requests, sent
-- deadline reminders.

-- A report filed automatically by a reply document names it; one reply
-- files at most one report per task, however often it is delivered.
ALTER TABLE task_reports ADD COLUMN reply_document_id TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX task_reports_reply ON task_reports (task_id, reply_document_id) WHERE reply_document_id <> '';

-- Extension requests (gia hạn) with both dates kept; decision is '' while
-- pending, then approved or rejected. At most one pending per task.
CREATE TABLE task_extensions (
    id                 TEXT PRIMARY KEY,
    task_id            TEXT NOT NULL REFERENCES tasks (id),
    previous_due_date  TEXT NOT NULL,
    requested_due_date TEXT NOT NULL,
    reason             TEXT NOT NULL,
    requested_by       TEXT NOT NULL,
    requested_at       TEXT NOT NULL,
    decision           TEXT NOT NULL DEFAULT '',
    decision_comment   TEXT NOT NULL DEFAULT '',
    decided_by         TEXT NOT NULL DEFAULT '',
    decided_at         TEXT
);
CREATE INDEX task_extensions_task ON task_extensions (task_id, requested_at);
CREATE UNIQUE INDEX task_extensions_pending ON task_extensions (task_id) WHERE decision = '';

-- Reminders sent: the key makes "once per task, kind and due date" hold
-- across restarts and replicas (written in the outbox row's transaction).
CREATE TABLE task_reminders (
    task_id  TEXT NOT NULL,
    kind     TEXT NOT NULL,
    due_date TEXT NOT NULL,
    sent_at  TEXT NOT NULL,
    PRIMARY KEY (task_id, kind, due_date)
);

-- The Idempotency-Key table this version made once is pkg/idempotency's
-- now (idempotency.Migrate, which adopts the existing table).

CREATE INDEX tasks_status_due ON tasks (status, due_date);

-- +goose Down
DROP INDEX tasks_status_due;
DROP TABLE task_reminders;
DROP TABLE task_extensions;
DROP INDEX task_reports_reply;
ALTER TABLE task_reports DROP COLUMN reply_document_id;
