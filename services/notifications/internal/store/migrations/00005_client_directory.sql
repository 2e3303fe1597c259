-- +goose Up
-- Integration clients as identity publishes them (client.* events): what a
-- client's webhooks may receive follows its scopes, agency and state.
CREATE TABLE directory_clients (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    -- Space-separated, sorted.
    scopes     TEXT NOT NULL DEFAULT '',
    -- The one agency whose events it receives; empty: every agency's.
    agency_id  TEXT NOT NULL DEFAULT '',
    active     BOOLEAN NOT NULL,
    event_time TEXT NOT NULL
);

-- Whether a webhook was registered by a person (an administrator) or by an
-- integration client, recorded at registration from the caller's token.
CREATE TABLE webhook_owners (
    webhook_id TEXT PRIMARY KEY,
    -- 'user' or 'client'.
    owner_kind TEXT NOT NULL
);
-- Webhooks registered before: a person's keep working; any other owner is
-- an integration client, whose deliveries are checked against its scopes,
-- agency and state from now on (identity announces clients registered
-- before client events once at start, so the directory learns them; until
-- then they receive nothing rather than what their scopes may not cover).
INSERT INTO webhook_owners (webhook_id, owner_kind)
SELECT w.id, 'user' FROM webhooks w WHERE EXISTS (SELECT 1 FROM directory_people p WHERE p.id = w.owner_id);
INSERT INTO webhook_owners (webhook_id, owner_kind)
SELECT w.id, 'client' FROM webhooks w WHERE NOT EXISTS (SELECT 1 FROM directory_people p WHERE p.id = w.owner_id);

-- +goose Down
DROP TABLE webhook_owners;
DROP TABLE directory_clients;
