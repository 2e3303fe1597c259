-- +goose Up
-- A rotated-in key is published at once but signs only from activates_at,
-- so every verifier can have fetched it before it meets a token it signed.
-- NULL: signs from creation (the first key).
ALTER TABLE signing_keys ADD COLUMN activates_at TEXT;

-- +goose Down
SELECT 1;
