-- +goose Up
-- Running totals of tasks per assignee unit, due-date bucket and kind, so
-- that the unit scoreboard sums a few bucket rows per unit instead of
-- counting a province's tasks. Each task counts once on each level: its
-- due day (lvl 0, YYYY-MM-DD), its ten-day part of the month (lvl 1,
-- YYYY-MM-1 for days 1-10, -2 for 11-20, -3 for the rest) and its month
-- (lvl 2, YYYY-MM). Kinds (store/counts.go, countKind): open (assigned or
-- in progress: overdue or not by the scoreboard's day), completed_on_time
-- and completed_late (submitted by the due date's last instant or after);
-- tasks awaiting review or cancelled are not counted here. The store keeps
-- the rows in the transaction that writes the task.
CREATE TABLE task_counts (
    lvl     INTEGER NOT NULL,
    bucket  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (lvl, bucket, kind, unit_id)
);

INSERT INTO task_counts (lvl, bucket, kind, unit_id, n)
SELECT 0, day, kind, unit_id, COUNT(*) FROM (
    SELECT due_date AS day, assignee_unit_id AS unit_id, CASE
        WHEN status = 'completed' THEN
            CASE WHEN completed_at IS NOT NULL AND completed_at > due_date || 'T16:59:59.999999999Z'
            THEN 'completed_late' ELSE 'completed_on_time' END
        WHEN status NOT IN ('awaiting_review', 'cancelled') THEN 'open' END AS kind
    FROM tasks) x
WHERE kind IS NOT NULL GROUP BY day, kind, unit_id;

INSERT INTO task_counts (lvl, bucket, kind, unit_id, n)
SELECT 1, dekad, kind, unit_id, SUM(n) FROM (
    SELECT SUBSTR(bucket, 1, 8) || CASE WHEN SUBSTR(bucket, 9, 2) <= '10' THEN '1'
        WHEN SUBSTR(bucket, 9, 2) <= '20' THEN '2' ELSE '3' END AS dekad, kind, unit_id, n
    FROM task_counts WHERE lvl = 0) x
GROUP BY dekad, kind, unit_id;

INSERT INTO task_counts (lvl, bucket, kind, unit_id, n)
SELECT 2, month, kind, unit_id, SUM(n) FROM (
    SELECT SUBSTR(bucket, 1, 7) AS month, kind, unit_id, n FROM task_counts WHERE lvl = 0) x
GROUP BY month, kind, unit_id;

-- The tasks a scoreboard as of an instant reads whole besides the counts:
-- those completed (accepted) or cancelled after it.
CREATE INDEX tasks_settled ON tasks ((COALESCE(accepted_at, completed_at, cancelled_at)));

-- +goose Down
DROP INDEX tasks_settled;
DROP TABLE task_counts;
