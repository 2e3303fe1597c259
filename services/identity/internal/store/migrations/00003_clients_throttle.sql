-- +goose Up
-- Integration clients of the client_credentials grant. The secret has 256
-- random bits, so its SHA-256 is kept (no salt or slow hash needed); it is
-- shown once, at creation.
CREATE TABLE clients (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    -- Space-separated, sorted.
    scopes      TEXT NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX clients_newest ON clients (created_at, id);

-- Login throttling, shared by every replica. One row per counter:
--   lock:<username hash>:<address>  wrong passwords of one username from
--                                   one address; 5 lock it for a cool-off
--                                   that doubles with each lock (lockouts);
--   addr:<address>                  attempts from one address in a window;
--   user:<username hash>            wrong passwords for a username from
--                                   anywhere in a window.
CREATE TABLE login_throttle (
    key          TEXT PRIMARY KEY,
    hits         INTEGER NOT NULL,
    lockouts     INTEGER NOT NULL DEFAULT 0,
    window_start TEXT NOT NULL,
    locked_until TEXT
);
CREATE INDEX login_throttle_window ON login_throttle (window_start);

-- +goose Down
DROP TABLE login_throttle;
DROP TABLE clients;
