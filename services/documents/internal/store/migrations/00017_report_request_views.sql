-- +goose Up
-- The periodic reports each unit owes on a plan's items (from
-- task.report_requested), and the report that answered each (from
-- task.report_submitted), so that the consolidated report lists them per
-- period without asking the tasks service. late: the answer came after
-- the due date (Vietnam's calendar day).
CREATE TABLE report_request_views (
    request_id       TEXT PRIMARY KEY,
    task_id          TEXT NOT NULL,
    plan_document_id TEXT NOT NULL,
    plan_item_id     TEXT NOT NULL DEFAULT '',
    parent_task_id   TEXT NOT NULL DEFAULT '',
    unit_id          TEXT NOT NULL DEFAULT '',
    role             TEXT NOT NULL DEFAULT '',
    period           TEXT NOT NULL,
    period_start     TEXT NOT NULL,
    period_end       TEXT NOT NULL,
    due_date         TEXT NOT NULL,
    report_id        TEXT NOT NULL DEFAULT '',
    reported_at      TEXT NOT NULL DEFAULT '',
    late             BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX report_request_views_plan ON report_request_views (plan_document_id);
CREATE INDEX report_request_views_task ON report_request_views (task_id, period_start);

-- +goose Down
DROP TABLE report_request_views;
