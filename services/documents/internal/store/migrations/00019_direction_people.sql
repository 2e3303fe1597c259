-- +goose Up
-- A direction's persons on the receipt itself (issue: lead person): the
-- lead person, and the cooperating persons as a JSON list of
-- {user_id, unit_id}. Until now only the lead person's unit stood in
-- lead_unit_id and the persons were read back from the direction's
-- routing step, so wherever a receipt was loaded without its steps the
-- lead person's whole unit counted as lead for a confidential document.
ALTER TABLE receipts ADD COLUMN lead_user_id TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN cooperating_users TEXT NOT NULL DEFAULT '[]';
-- Directions stored before: their last direct step names the persons (its
-- cooperating list mixes units and persons; reading keeps the persons).
UPDATE receipts SET
    lead_user_id = COALESCE((SELECT s.to_user_id FROM routing_steps s WHERE s.document_id = receipts.document_id
        AND s.agency_id = receipts.agency_id AND s.kind = 'direct' ORDER BY s.seq DESC LIMIT 1), ''),
    cooperating_users = COALESCE((SELECT s.cooperating FROM routing_steps s WHERE s.document_id = receipts.document_id
        AND s.agency_id = receipts.agency_id AND s.kind = 'direct' ORDER BY s.seq DESC LIMIT 1), '[]')
WHERE lead_unit_id <> '';

-- +goose Down
ALTER TABLE receipts DROP COLUMN cooperating_users;
ALTER TABLE receipts DROP COLUMN lead_user_id;
