-- +goose Up
-- Periodic report requests follow the agency's reminder rules (issue 19):
-- a reminder is one step of a series (before_3, due_day, overdue_3 …), so
-- the key grows by the step and each goes out once per request, step and
-- due date across replicas. Rows sent before keep step ''.
CREATE TABLE report_request_reminders_steps (
    request_id TEXT NOT NULL REFERENCES report_requests (id),
    kind       TEXT NOT NULL,
    step       TEXT NOT NULL DEFAULT '',
    due_date   TEXT NOT NULL,
    sent_at    TEXT NOT NULL,
    PRIMARY KEY (request_id, kind, step, due_date)
);
INSERT INTO report_request_reminders_steps (request_id, kind, step, due_date, sent_at)
SELECT request_id, kind, '', due_date, sent_at FROM report_request_reminders;
DROP TABLE report_request_reminders;
ALTER TABLE report_request_reminders_steps RENAME TO report_request_reminders;

-- The day each unanswered request was last looked at for its due date:
-- the scheduler ticks every minute, a request's step changes at most daily.
CREATE TABLE report_request_checks (
    request_id TEXT PRIMARY KEY,
    due_date   TEXT NOT NULL,
    checked_on TEXT NOT NULL
);

-- +goose Down
DROP TABLE report_request_checks;
CREATE TABLE report_request_reminders_old (
    request_id TEXT NOT NULL REFERENCES report_requests (id),
    kind       TEXT NOT NULL,
    due_date   TEXT NOT NULL,
    sent_at    TEXT NOT NULL,
    PRIMARY KEY (request_id, kind, due_date)
);
INSERT INTO report_request_reminders_old (request_id, kind, due_date, sent_at)
SELECT request_id, kind, due_date, MIN(sent_at) FROM report_request_reminders GROUP BY request_id, kind, due_date;
DROP TABLE report_request_reminders;
ALTER TABLE report_request_reminders_old RENAME TO report_request_reminders;
