-- +goose Up
-- The web console's signed-in browsers (ARCHITECTURE.md: identity owns
-- tokens). The browser holds a random handle; only its SHA-256 is kept,
-- like refresh tokens and client secrets. The session refers to the
-- current refresh token of its login by hash: identity rotates it itself,
-- and revoking the family (sign-out, deactivation, password change) ends
-- the session.
CREATE TABLE console_sessions (
    handle_hash  TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL,
    family_id    TEXT NOT NULL,
    refresh_hash TEXT NOT NULL,
    csrf         TEXT NOT NULL,
    idle_seconds INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen    TEXT NOT NULL,
    -- last_seen + idle_seconds, kept to find and sweep idle sessions.
    idle_until   TEXT NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions (user_id);
CREATE INDEX console_sessions_idle ON console_sessions (idle_until);

-- +goose Down
DROP TABLE console_sessions;
