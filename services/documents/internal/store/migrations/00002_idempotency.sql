-- +goose Up
-- Idempotency-Key of creating POSTs: the first result of a key, per caller.
CREATE TABLE idempotency_keys (
    caller_id    TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    resource_id  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (caller_id, key)
);

-- +goose Down
DROP TABLE idempotency_keys;
