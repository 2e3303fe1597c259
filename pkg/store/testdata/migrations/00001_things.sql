-- +goose Up
CREATE TABLE things (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    n    BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE counters (
    k TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);
-- +goose Down
DROP TABLE counters;
DROP TABLE things;
