-- +goose Up
-- A plan's own tasks (store.PlanTasks: its document, origin plan item, no
-- parent) in the order they were created, from one index range: without
-- it SQLite reads them through tasks_parent, that is every top-level task.
CREATE INDEX tasks_plan ON tasks (source_document_id, origin, parent_task_id, created_at, id);

-- +goose Down
DROP INDEX tasks_plan;
