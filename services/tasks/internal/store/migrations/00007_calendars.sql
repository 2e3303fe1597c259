-- +goose Up
-- A deadline given as "n ngày làm việc" keeps n beside the computed date
-- (0: given as a date).
ALTER TABLE tasks ADD COLUMN due_working_days INTEGER NOT NULL DEFAULT 0;

-- An agency's own calendar of a year (holidays and swapped working days),
-- replacing the shipped default (pkg/workdays) for that year only. A row
-- in calendar_years with no days is a year the administrator emptied.
CREATE TABLE calendar_years (
    agency_id  TEXT NOT NULL,
    year       INTEGER NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (agency_id, year)
);
CREATE TABLE calendar_days (
    agency_id TEXT NOT NULL,
    year      INTEGER NOT NULL,
    day       TEXT NOT NULL,
    off       BOOLEAN NOT NULL,
    name      TEXT NOT NULL,
    PRIMARY KEY (agency_id, day)
);
CREATE INDEX calendar_days_year ON calendar_days (agency_id, year);

-- +goose Down
DROP TABLE calendar_days;
DROP TABLE calendar_years;
ALTER TABLE tasks DROP COLUMN due_working_days;
