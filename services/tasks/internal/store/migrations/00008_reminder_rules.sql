-- +goose Up
-- Reminders as rules an administrator sets per agency (issue 19): working
-- days before the deadline, on the day, every N working days after it, and
-- an escalation after M. An agency without a row follows the defaults.
CREATE TABLE reminder_rules (
    agency_id      TEXT PRIMARY KEY,
    before_days    TEXT NOT NULL,   -- comma-separated working days, e.g. 3,1
    on_due_day     BOOLEAN NOT NULL,
    repeat_every   INTEGER NOT NULL,
    escalate_after INTEGER NOT NULL,
    updated_by     TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL
);

-- A reminder is now one step of a series (before_3, due_day, overdue_3,
-- escalate …): the key grows by the step, so that each step goes out once
-- per task and due date across replicas and restarts. Rows sent before
-- keep step ''.
CREATE TABLE task_reminders_steps (
    task_id  TEXT NOT NULL,
    kind     TEXT NOT NULL,
    step     TEXT NOT NULL DEFAULT '',
    due_date TEXT NOT NULL,
    sent_at  TEXT NOT NULL,
    PRIMARY KEY (task_id, kind, step, due_date)
);
INSERT INTO task_reminders_steps (task_id, kind, step, due_date, sent_at)
SELECT task_id, kind, '', due_date, sent_at FROM task_reminders;
DROP TABLE task_reminders;
ALTER TABLE task_reminders_steps RENAME TO task_reminders;

-- The day each open task was last looked at for its due date: the
-- scheduler ticks every minute but a task's step changes at most daily.
CREATE TABLE task_reminder_checks (
    task_id    TEXT PRIMARY KEY,
    due_date   TEXT NOT NULL,
    checked_on TEXT NOT NULL
);

-- The weekly digests sent: once per leader and week (its Monday).
CREATE TABLE task_digests (
    user_id    TEXT NOT NULL,
    week_start TEXT NOT NULL,
    items      INTEGER NOT NULL,
    sent_at    TEXT NOT NULL,
    PRIMARY KEY (user_id, week_start)
);

-- +goose Down
DROP TABLE task_digests;
DROP TABLE task_reminder_checks;
CREATE TABLE task_reminders_old (
    task_id  TEXT NOT NULL,
    kind     TEXT NOT NULL,
    due_date TEXT NOT NULL,
    sent_at  TEXT NOT NULL,
    PRIMARY KEY (task_id, kind, due_date)
);
INSERT INTO task_reminders_old (task_id, kind, due_date, sent_at)
SELECT task_id, kind, due_date, MIN(sent_at) FROM task_reminders GROUP BY task_id, kind, due_date;
DROP TABLE task_reminders;
ALTER TABLE task_reminders_old RENAME TO task_reminders;
DROP TABLE reminder_rules;
