-- +goose Up
-- The statistics' handling times (issue 18), stored when a receipt or a
-- routing step is written (domain.Receipt.RegistrationTook, DirectionTook,
-- StepTook) so that a year of an agency's receipts is read from two index
-- scans instead of replaying every receipt's steps in order. Durations in
-- nanoseconds; NULL when there is none (not registered, not directed, a
-- "read" step). A step carries its receipt's arrival, by which a period
-- selects its steps without the receipt.
ALTER TABLE receipts ADD COLUMN registration_ns BIGINT;
ALTER TABLE receipts ADD COLUMN direction_by TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN direction_ns BIGINT;
ALTER TABLE routing_steps ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
ALTER TABLE routing_steps ADD COLUMN took_ns BIGINT;

-- Rows stored before: every instant as nanoseconds since 1970 (the times
-- are fixed-width UTC text; neither database's date functions exist in
-- the other, so the days are counted from the date's digits).
CREATE TEMP TABLE stamp_ns (t TEXT PRIMARY KEY, ns BIGINT NOT NULL);
INSERT INTO stamp_ns (t, ns)
SELECT t, ((365 * y + y / 4 - y / 100 + y / 400 + (153 * ((m + 9) % 12) + 2) / 5 + d - 719469) * 86400 + s) * 1000000000 + f
FROM (SELECT t,
        CAST(substr(t, 1, 4) AS BIGINT) - CASE WHEN substr(t, 6, 2) <= '02' THEN 1 ELSE 0 END AS y,
        CAST(substr(t, 6, 2) AS BIGINT) AS m, CAST(substr(t, 9, 2) AS BIGINT) AS d,
        CAST(substr(t, 12, 2) AS BIGINT) * 3600 + CAST(substr(t, 15, 2) AS BIGINT) * 60 + CAST(substr(t, 18, 2) AS BIGINT) AS s,
        CAST(substr(t, 21, 9) AS BIGINT) AS f
    FROM (SELECT at AS t FROM routing_steps
        UNION SELECT created_at FROM receipts
        UNION SELECT registered_at FROM receipts WHERE registered_at IS NOT NULL
        UNION SELECT directed_at FROM receipts WHERE directed_at IS NOT NULL) x) p;

UPDATE receipts SET registration_ns = (SELECT ns FROM stamp_ns WHERE t = receipts.registered_at)
    - (SELECT ns FROM stamp_ns WHERE t = receipts.created_at)
WHERE registered_at IS NOT NULL;
-- The direction: its routing step, or before routing its columns.
UPDATE receipts SET
    direction_by = COALESCE((SELECT s.from_user_id FROM routing_steps s WHERE s.document_id = receipts.document_id
        AND s.agency_id = receipts.agency_id AND s.kind = 'direct' ORDER BY s.seq DESC LIMIT 1), directed_by),
    direction_ns = COALESCE((SELECT n.ns FROM routing_steps s JOIN stamp_ns n ON n.t = s.at WHERE s.document_id = receipts.document_id
        AND s.agency_id = receipts.agency_id AND s.kind = 'direct' ORDER BY s.seq DESC LIMIT 1),
        (SELECT ns FROM stamp_ns WHERE t = receipts.directed_at)) - (SELECT ns FROM stamp_ns WHERE t = receipts.created_at)
WHERE directed_at IS NOT NULL OR EXISTS (SELECT 1 FROM routing_steps s WHERE s.document_id = receipts.document_id
    AND s.agency_id = receipts.agency_id AND s.kind = 'direct');
UPDATE routing_steps SET arrived_at = (SELECT r.created_at FROM receipts r
    WHERE r.document_id = routing_steps.document_id AND r.agency_id = routing_steps.agency_id);
-- A step took from the step before it ("read" steps aside), or from the
-- registration for the first.
UPDATE routing_steps SET took_ns = (SELECT ns FROM stamp_ns WHERE t = routing_steps.at) - COALESCE(
    (SELECT n.ns FROM routing_steps p JOIN stamp_ns n ON n.t = p.at WHERE p.document_id = routing_steps.document_id
        AND p.agency_id = routing_steps.agency_id AND p.seq < routing_steps.seq AND p.kind <> 'read' ORDER BY p.seq DESC LIMIT 1),
    (SELECT n.ns FROM receipts r JOIN stamp_ns n ON n.t = r.registered_at WHERE r.document_id = routing_steps.document_id
        AND r.agency_id = routing_steps.agency_id))
WHERE kind <> 'read';
DROP TABLE stamp_ns;

-- The statistics' scans read these indexes alone.
CREATE INDEX receipts_handling ON receipts (agency_id, created_at, registration_ns, registered_by, direction_by, direction_ns);
CREATE INDEX routing_steps_took ON routing_steps (agency_id, arrived_at, from_user_id, took_ns) WHERE took_ns IS NOT NULL;

-- +goose Down
DROP INDEX routing_steps_took;
DROP INDEX receipts_handling;
ALTER TABLE routing_steps DROP COLUMN took_ns;
ALTER TABLE routing_steps DROP COLUMN arrived_at;
ALTER TABLE receipts DROP COLUMN direction_ns;
ALTER TABLE receipts DROP COLUMN direction_by;
ALTER TABLE receipts DROP COLUMN registration_ns;
