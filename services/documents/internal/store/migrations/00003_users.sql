-- +goose Up
-- People as identity announces them: only what a document names (the
-- signer's position, chức vụ, is not in the access token).
CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    full_name  TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    unit_id    TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL,
    updated_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE users;
