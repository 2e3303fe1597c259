-- +goose Up
-- Expire deletes keys by age: an index keeps that from scanning the table.
CREATE INDEX IF NOT EXISTS idempotency_keys_created_at ON idempotency_keys (created_at);

-- +goose Down
DROP INDEX IF EXISTS idempotency_keys_created_at;
