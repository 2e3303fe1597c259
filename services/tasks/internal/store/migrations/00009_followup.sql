-- +goose Up
-- Follow-up judged fairly, and report cadences.

-- When the final report waiting for review (or accepted) was submitted,
-- and when it was accepted: a task awaiting review on time is not
-- overdue, and a past period's scoreboard reads each task as of its end.
ALTER TABLE tasks ADD COLUMN final_report_at TEXT;
ALTER TABLE tasks ADD COLUMN accepted_at TEXT;
UPDATE tasks SET final_report_at = completed_at, accepted_at = updated_at WHERE status = 'completed';
UPDATE tasks SET final_report_at = (SELECT MAX(r.submitted_at) FROM task_reports r
    WHERE r.task_id = tasks.id AND r.final = TRUE AND r.decision = '')
WHERE status = 'awaiting_review';
CREATE INDEX tasks_completed_at ON tasks (completed_at);

-- A plan item's report cadence asks the assignee unit for a report each
-- period, each with its own due date: one row per task and period,
-- report_id set once a report of the period came in.
CREATE TABLE report_requests (
    id           TEXT PRIMARY KEY,
    task_id      TEXT NOT NULL REFERENCES tasks (id),
    period       TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    due_date     TEXT NOT NULL,
    report_id    TEXT NOT NULL DEFAULT '',
    reported_at  TEXT,
    created_at   TEXT NOT NULL,
    UNIQUE (task_id, period)
);
CREATE INDEX report_requests_due ON report_requests (due_date, report_id);

-- Reminders of report requests: once per request, kind and due date.
CREATE TABLE report_request_reminders (
    request_id TEXT NOT NULL REFERENCES report_requests (id),
    kind       TEXT NOT NULL,
    due_date   TEXT NOT NULL,
    sent_at    TEXT NOT NULL,
    PRIMARY KEY (request_id, kind, due_date)
);

-- +goose Down
DROP TABLE report_request_reminders;
DROP TABLE report_requests;
DROP INDEX tasks_completed_at;
ALTER TABLE tasks DROP COLUMN accepted_at;
ALTER TABLE tasks DROP COLUMN final_report_at;
