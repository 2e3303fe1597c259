-- +goose Up
-- The latest report of each task (from task.report_submitted), so that the
-- consolidated report shows each item's latest result. latest_report_at is
-- that report's submission time (fixed-width UTC text): a report submitted
-- earlier but delivered later does not replace it.
ALTER TABLE task_views ADD COLUMN latest_summary TEXT NOT NULL DEFAULT '';
ALTER TABLE task_views ADD COLUMN latest_result TEXT NOT NULL DEFAULT '';
ALTER TABLE task_views ADD COLUMN latest_report_at TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE task_views DROP COLUMN latest_report_at;
ALTER TABLE task_views DROP COLUMN latest_result;
ALTER TABLE task_views DROP COLUMN latest_summary;
