-- +goose Up
-- The processing-time analytics read, per assignee unit of a scope, the
-- tasks completed in a period and the tasks open now: each an index range
-- scan (tasks created in the period use tasks_assignee). Open tasks are
-- counted by status, due date and person from the index alone.
CREATE INDEX tasks_assignee_done ON tasks (assignee_unit_id, completed_at);
CREATE INDEX tasks_assignee_open ON tasks (assignee_unit_id, status, due_date, assignee_user_id);

-- +goose Down
DROP INDEX tasks_assignee_open;
DROP INDEX tasks_assignee_done;
