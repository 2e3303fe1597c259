-- +goose Up
-- Portable SQL: the same file runs on SQLite and PostgreSQL. Times are UTC
-- text of fixed width (microseconds, Z) so they sort and compare as text.

CREATE TABLE units (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('agency', 'division')),
    code       TEXT,
    name       TEXT NOT NULL,
    short_name TEXT NOT NULL,
    parent_id  TEXT REFERENCES units (id),
    -- Nearest agency at or above the unit (itself for an agency); kept here
    -- because tokens and events carry it and units do not move yet.
    agency_id  TEXT NOT NULL,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TEXT NOT NULL
);
-- A QCVN 102 code identifies one unit.
CREATE UNIQUE INDEX units_code ON units (code) WHERE code IS NOT NULL;
-- short_name is unique among a unit's active children (every province has
-- its UBND, every Sở its VP); roots are siblings of each other.
CREATE UNIQUE INDEX units_sibling_short_name ON units (COALESCE(parent_id, ''), short_name) WHERE active;
CREATE INDEX units_newest ON units (created_at, id);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    email         TEXT NOT NULL DEFAULT '',
    unit_id       TEXT REFERENCES units (id),
    -- Space-separated, canonical order (admin leader clerk specialist).
    roles         TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TEXT NOT NULL
);
CREATE INDEX users_newest ON users (created_at, id);
CREATE INDEX users_unit_newest ON users (unit_id, created_at, id);

-- Ed25519 keys that sign access tokens. The newest key with no retired_at
-- signs; every key whose not_after is unset or still ahead is published in
-- the JWKS (a retired key stays published until the tokens it signed have
-- expired). private_key is the base64 of the 32-byte seed.
CREATE TABLE signing_keys (
    kid         TEXT PRIMARY KEY,
    private_key TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    retired_at  TEXT,
    not_after   TEXT
);
CREATE INDEX signing_keys_newest ON signing_keys (created_at);

-- Refresh tokens are stored only as SHA-256 hashes. Each works once
-- (used_at); rotation keeps the family, and presenting a used token revokes
-- the whole family (revoked_at).
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    revoked_at TEXT
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

-- +goose Down
DROP TABLE refresh_tokens;
DROP TABLE signing_keys;
DROP TABLE users;
DROP TABLE units;
