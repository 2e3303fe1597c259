-- +goose Up
-- What official documents take from identity: an agency's place name
-- (địa danh) for the date line, its regime (collective or head-led), how
-- its head's position prints in signing marks and the body named after
-- "TM."; a person's position in the leadership, which decides their marks.
-- Empty is unset: an unset regime counts as head-led and a leader without
-- a position as the head, so existing data keeps working.
ALTER TABLE units ADD COLUMN place_name TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN regime TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN head_title TEXT NOT NULL DEFAULT '';
ALTER TABLE units ADD COLUMN collective_name TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN position TEXT NOT NULL DEFAULT '';

-- +goose Down
SELECT 1;
