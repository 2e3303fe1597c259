-- +goose Up
-- A box's page is read as the newest tasks of each of its units merged
-- (store.Tasks): each unit's index ends with the page's order, id
-- included, so that reading a unit's page stops after it.
DROP INDEX tasks_assignee;
CREATE INDEX tasks_assignee ON tasks (assignee_unit_id, created_at, id);
DROP INDEX tasks_assigner;
CREATE INDEX tasks_assigner ON tasks (assigner_unit_id, created_at, id);

-- +goose Down
DROP INDEX tasks_assigner;
CREATE INDEX tasks_assigner ON tasks (assigner_unit_id, created_at);
DROP INDEX tasks_assignee;
CREATE INDEX tasks_assignee ON tasks (assignee_unit_id, created_at);
