-- +goose Up
-- The agency an integration client is limited to (its data and events);
-- empty: not limited.
ALTER TABLE clients ADD COLUMN agency_id TEXT NOT NULL DEFAULT '';

-- +goose Down
SELECT 1;
