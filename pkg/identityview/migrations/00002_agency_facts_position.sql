-- +goose Up
-- What official documents read of identity: an agency's place name
-- (địa danh), regime, head's title in signing marks and the body named
-- after "TM."; a person's position in the leadership. '' is unset (an unset
-- regime counts as head-led, a leader without a position as the head);
-- rows recorded before these columns fill in with the next event about them.
ALTER TABLE identity_units ADD COLUMN place_name TEXT NOT NULL DEFAULT '';
ALTER TABLE identity_units ADD COLUMN regime TEXT NOT NULL DEFAULT '';
ALTER TABLE identity_units ADD COLUMN head_title TEXT NOT NULL DEFAULT '';
ALTER TABLE identity_units ADD COLUMN collective_name TEXT NOT NULL DEFAULT '';
ALTER TABLE identity_people ADD COLUMN position TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE identity_people DROP COLUMN position;
ALTER TABLE identity_units DROP COLUMN collective_name;
ALTER TABLE identity_units DROP COLUMN head_title;
ALTER TABLE identity_units DROP COLUMN regime;
ALTER TABLE identity_units DROP COLUMN place_name;
