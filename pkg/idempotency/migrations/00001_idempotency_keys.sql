-- +goose Up
-- Idempotency-Key of creating POSTs, per caller: the first request's hash
-- and the id of what it created. IF NOT EXISTS because databases migrated
-- before this package owned the table have it already (documents 00002,
-- tasks 00002 made it then).
CREATE TABLE IF NOT EXISTS idempotency_keys (
    caller_id    TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    resource_id  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (caller_id, key)
);

-- +goose Down
DROP TABLE IF EXISTS idempotency_keys;
