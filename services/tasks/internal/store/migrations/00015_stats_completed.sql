-- +goose Up
-- The unit scoreboard counts completed tasks per unit and class in SQL,
-- which also reads accepted_at: both its paths stay covering index scans
-- at a province's tasks (by due date, and by completion).
DROP INDEX tasks_stats;
CREATE INDEX tasks_stats ON tasks (due_date, assignee_unit_id, status, completed_at, accepted_at);
DROP INDEX tasks_completed_at;
CREATE INDEX tasks_completed_at ON tasks (completed_at, status, assignee_unit_id, due_date, accepted_at);

-- +goose Down
DROP INDEX tasks_completed_at;
CREATE INDEX tasks_completed_at ON tasks (completed_at);
DROP INDEX tasks_stats;
CREATE INDEX tasks_stats ON tasks (due_date, assignee_unit_id, status, completed_at);
