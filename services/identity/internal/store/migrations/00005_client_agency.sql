-- +goose Up
-- The agency an integration client is limited to (its data and events);
-- empty: not limited.
ALTER TABLE clients ADD COLUMN agency_id TEXT NOT NULL DEFAULT '';
-- Whether the client was ever published as an event. Clients created from
-- now on are published in the transaction that creates them (default
-- TRUE); those registered before client events existed are announced once
-- at start, so notifications' directory knows every client.
ALTER TABLE clients ADD COLUMN announced BOOLEAN NOT NULL DEFAULT TRUE;
UPDATE clients SET announced = FALSE;

-- +goose Down
SELECT 1;
