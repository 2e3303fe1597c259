-- +goose Up
-- Revocation, search, plan items, incoming registration and direction,
-- attachments and the task read model (issue 4).

-- search_text is summary and body folded (no diacritics, đ→d, lower case),
-- matched with LIKE on both databases.
ALTER TABLE documents ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN revoked_at TEXT;
ALTER TABLE documents ADD COLUMN revoked_by TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN revoke_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE plan_items (
    document_id          TEXT NOT NULL REFERENCES documents (id),
    id                   TEXT NOT NULL,
    position             INTEGER NOT NULL,
    title                TEXT NOT NULL,
    description          TEXT NOT NULL DEFAULT '',
    lead_unit_id         TEXT NOT NULL,
    -- JSON array of unit ids.
    cooperating_unit_ids TEXT NOT NULL DEFAULT '[]',
    due_date             TEXT NOT NULL,
    report_cadence       TEXT NOT NULL DEFAULT 'none',
    indicator_name       TEXT NOT NULL DEFAULT '',
    indicator_target     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, id),
    CONSTRAINT plan_items_position UNIQUE (document_id, position)
);

-- Registration (số đến, from the agency's "incoming" number series) and the
-- leader's direction. expected_tasks is how many tasks the direction makes
-- (the lead and each cooperating unit): the receipt is done when that many
-- of them are completed or cancelled.
ALTER TABLE receipts ADD COLUMN incoming_year INTEGER;
ALTER TABLE receipts ADD COLUMN registered_at TEXT;
ALTER TABLE receipts ADD COLUMN registered_by TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN lead_unit_id TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN cooperating_unit_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE receipts ADD COLUMN direction_due_date TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN direction_note TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN directed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN directed_at TEXT;
ALTER TABLE receipts ADD COLUMN expected_tasks INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX receipts_incoming_number ON receipts (agency_id, incoming_year, incoming_number);

CREATE TABLE attachments (
    id           TEXT PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents (id),
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    uploaded_by  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX attachments_document ON attachments (document_id, created_at);

-- What the tasks service says of the tasks documents gave rise to: the
-- receipts' "done" and the consolidated report read it.
CREATE TABLE task_views (
    task_id            TEXT PRIMARY KEY,
    source_document_id TEXT NOT NULL,
    plan_item_id       TEXT NOT NULL DEFAULT '',
    parent_task_id     TEXT NOT NULL DEFAULT '',
    assigner_unit_id   TEXT NOT NULL DEFAULT '',
    assigner_agency_id TEXT NOT NULL DEFAULT '',
    assignee_unit_id   TEXT NOT NULL DEFAULT '',
    role               TEXT NOT NULL DEFAULT '',
    due_date           TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL,
    progress_percent   INTEGER NOT NULL DEFAULT 0,
    reported           BOOLEAN NOT NULL DEFAULT FALSE,
    class              TEXT NOT NULL DEFAULT '',
    updated_at         TEXT NOT NULL
);
CREATE INDEX task_views_source ON task_views (source_document_id, assigner_agency_id);

-- +goose Down
DROP TABLE task_views;
DROP TABLE attachments;
DROP INDEX receipts_incoming_number;
DROP TABLE plan_items;
