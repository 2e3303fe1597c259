-- +goose Up
-- The incoming box at province scale (issue 21): a page is read in the
-- box's order from an index instead of sorting the agency's whole box.
-- A receipt keeps its place in the box: box_rank is 1 + the document's
-- urgency rank while the receipt waits (received or registered), else 0;
-- box_at is the document's issue. Both are written with the receipt's
-- status, in the same statement (store.SaveReceipt, MarkReceiptsDone).
ALTER TABLE receipts ADD COLUMN box_rank INTEGER NOT NULL DEFAULT 0;
ALTER TABLE receipts ADD COLUMN box_at TEXT NOT NULL DEFAULT '';
UPDATE receipts SET
    box_at = COALESCE((SELECT d.issued_at FROM documents d WHERE d.id = receipts.document_id), ''),
    box_rank = CASE WHEN status IN ('received', 'registered')
        THEN 1 + (SELECT d.urgency_rank FROM documents d WHERE d.id = receipts.document_id) ELSE 0 END;
CREATE INDEX receipts_box ON receipts (agency_id, box_rank, box_at, document_id);
-- The box's other part: an agency's own documents addressed to a unit of
-- its own (they take no receipt), by issue.
ALTER TABLE documents ADD COLUMN self_addressed BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE documents SET self_addressed = TRUE WHERE EXISTS (SELECT 1 FROM document_recipients dr
    WHERE dr.document_id = documents.id AND dr.agency_id = documents.issuer_unit_id);
CREATE INDEX documents_own_box ON documents (issuer_unit_id, self_addressed, issued_at, id) WHERE issued_at IS NOT NULL;

-- +goose Down
DROP INDEX documents_own_box;
ALTER TABLE documents DROP COLUMN self_addressed;
DROP INDEX receipts_box;
ALTER TABLE receipts DROP COLUMN box_at;
ALTER TABLE receipts DROP COLUMN box_rank;
