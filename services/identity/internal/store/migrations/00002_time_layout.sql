-- +goose Up
-- Stored times move to the shared layout of pkg/store (nine fraction
-- digits), so that old and new values keep comparing correctly as text.
UPDATE units SET created_at = substr(created_at, 1, 26) || '000Z' WHERE length(created_at) = 27;
UPDATE users SET created_at = substr(created_at, 1, 26) || '000Z' WHERE length(created_at) = 27;
UPDATE signing_keys SET created_at = substr(created_at, 1, 26) || '000Z' WHERE length(created_at) = 27;
UPDATE signing_keys SET retired_at = substr(retired_at, 1, 26) || '000Z' WHERE length(retired_at) = 27;
UPDATE signing_keys SET not_after = substr(not_after, 1, 26) || '000Z' WHERE length(not_after) = 27;
UPDATE refresh_tokens SET created_at = substr(created_at, 1, 26) || '000Z' WHERE length(created_at) = 27;
UPDATE refresh_tokens SET expires_at = substr(expires_at, 1, 26) || '000Z' WHERE length(expires_at) = 27;
UPDATE refresh_tokens SET used_at = substr(used_at, 1, 26) || '000Z' WHERE length(used_at) = 27;
UPDATE refresh_tokens SET revoked_at = substr(revoked_at, 1, 26) || '000Z' WHERE length(revoked_at) = 27;

-- +goose Down
SELECT 1;
