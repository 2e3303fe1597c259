-- +goose Up
-- A history entry says what it was about in columns of its own rather than
-- in a note readers parse: note keeps people's free text only. Dates are
-- YYYY-MM-DD text, absent values ''.
ALTER TABLE task_history ADD COLUMN decision TEXT NOT NULL DEFAULT '';
ALTER TABLE task_history ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE task_history ADD COLUMN report_id TEXT NOT NULL DEFAULT '';
ALTER TABLE task_history ADD COLUMN old_due_date TEXT NOT NULL DEFAULT '';
ALTER TABLE task_history ADD COLUMN new_due_date TEXT NOT NULL DEFAULT '';
ALTER TABLE task_history ADD COLUMN to_unit_id TEXT NOT NULL DEFAULT '';
ALTER TABLE task_history ADD COLUMN to_user_id TEXT NOT NULL DEFAULT '';

-- Older entries wrote these into the note; each known form moves into the
-- columns (portable SQL: substr and length count characters on both
-- databases, and each form has fixed-width parts). A note of another form
-- stays as it is.

-- report_submitted, completed: the note was the report's id.
UPDATE task_history SET report_id = note, note = ''
WHERE action IN ('report_submitted', 'completed');

-- cancelled: the note was the revoked document's reason.
UPDATE task_history SET reason = note, note = ''
WHERE action = 'cancelled';

-- extension_requested: "2026-12-10 → 2026-12-20: reason".
UPDATE task_history SET old_due_date = substr(note, 1, 10), new_due_date = substr(note, 14, 10),
    reason = substr(note, 26), note = ''
WHERE action = 'extension_requested' AND note LIKE '____-__-__ → ____-__-__: %';

-- extension_decided: "approved 2026-12-10 → 2026-12-20: comment" (or rejected).
UPDATE task_history SET decision = substr(note, 1, 8), old_due_date = substr(note, 10, 10),
    new_due_date = substr(note, 23, 10), note = substr(note, 35)
WHERE action = 'extension_decided'
  AND (note LIKE 'approved ____-__-__ → ____-__-__: %' OR note LIKE 'rejected ____-__-__ → ____-__-__: %');

-- report_reviewed: "accepted: comment" (or returned); the report is the
-- one of the task this very review was written on.
UPDATE task_history SET decision = substr(note, 1, 8), note = substr(note, 11),
    report_id = COALESCE((SELECT MIN(r.id) FROM task_reports r
        WHERE r.task_id = task_history.task_id AND r.reviewed_at = task_history.at
          AND r.decision = substr(task_history.note, 1, 8)), '')
WHERE action = 'report_reviewed' AND (note LIKE 'accepted: %' OR note LIKE 'returned: %');

-- delegated: "<unit id>[/<user id>]: note"; the target is the child task
-- (one per unit and person under a parent) whose target starts the note.
UPDATE task_history SET
    to_unit_id = COALESCE((SELECT MIN(c.assignee_unit_id) FROM tasks c
        WHERE c.parent_task_id = task_history.task_id
          AND substr(task_history.note, 1, length(c.assignee_unit_id) + 2) = c.assignee_unit_id || ': '
          AND c.assignee_user_id = ''), ''),
    to_user_id = ''
WHERE action = 'delegated';
UPDATE task_history SET
    to_unit_id = COALESCE((SELECT MIN(c.assignee_unit_id) FROM tasks c
        WHERE c.parent_task_id = task_history.task_id AND c.assignee_user_id <> ''
          AND substr(task_history.note, 1, length(c.assignee_unit_id) + length(c.assignee_user_id) + 3)
              = c.assignee_unit_id || '/' || c.assignee_user_id || ': '), ''),
    to_user_id = COALESCE((SELECT MIN(c.assignee_user_id) FROM tasks c
        WHERE c.parent_task_id = task_history.task_id AND c.assignee_user_id <> ''
          AND substr(task_history.note, 1, length(c.assignee_unit_id) + length(c.assignee_user_id) + 3)
              = c.assignee_unit_id || '/' || c.assignee_user_id || ': '), '')
WHERE action = 'delegated' AND to_unit_id = '';
UPDATE task_history SET note = substr(note, length(to_unit_id) + 3)
WHERE action = 'delegated' AND to_unit_id <> '' AND to_user_id = '';
UPDATE task_history SET note = substr(note, length(to_unit_id) + length(to_user_id) + 4)
WHERE action = 'delegated' AND to_user_id <> '';

-- +goose Down
-- The notes take back the forms the older code wrote and reads.
UPDATE task_history SET note = report_id WHERE action IN ('report_submitted', 'completed');
UPDATE task_history SET note = reason WHERE action = 'cancelled';
UPDATE task_history SET note = old_due_date || ' → ' || new_due_date || ': ' || reason
WHERE action = 'extension_requested' AND old_due_date <> '';
UPDATE task_history SET note = decision || ' ' || old_due_date || ' → ' || new_due_date || ': ' || note
WHERE action = 'extension_decided' AND decision <> '';
UPDATE task_history SET note = decision || ': ' || note WHERE action = 'report_reviewed' AND decision <> '';
UPDATE task_history SET note = to_unit_id || CASE WHEN to_user_id <> '' THEN '/' || to_user_id ELSE '' END || ': ' || note
WHERE action = 'delegated' AND to_unit_id <> '';
ALTER TABLE task_history DROP COLUMN to_user_id;
ALTER TABLE task_history DROP COLUMN to_unit_id;
ALTER TABLE task_history DROP COLUMN new_due_date;
ALTER TABLE task_history DROP COLUMN old_due_date;
ALTER TABLE task_history DROP COLUMN report_id;
ALTER TABLE task_history DROP COLUMN reason;
ALTER TABLE task_history DROP COLUMN decision;
