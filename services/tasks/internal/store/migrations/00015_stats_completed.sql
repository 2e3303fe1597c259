-- +goose Up
-- The unit scoreboard counts open tasks per unit and status, and completed
-- ones per unit and class (reading accepted_at too), in SQL: both its
-- periods stay covering index scans at a province's tasks. Status leads,
-- as the counts ask for given statuses: tasks_status_due (status,
-- due_date) would otherwise serve them with a row lookup each.
DROP INDEX tasks_stats;
CREATE INDEX tasks_stats ON tasks (status, due_date, assignee_unit_id, completed_at, accepted_at);
DROP INDEX tasks_completed_at;
CREATE INDEX tasks_completed_at ON tasks (completed_at, status, assignee_unit_id, due_date, accepted_at);

-- +goose Down
DROP INDEX tasks_completed_at;
CREATE INDEX tasks_completed_at ON tasks (completed_at);
DROP INDEX tasks_stats;
CREATE INDEX tasks_stats ON tasks (due_date, assignee_unit_id, status, completed_at);
