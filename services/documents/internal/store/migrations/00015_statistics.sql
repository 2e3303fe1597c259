-- +goose Up
-- Registers and statistics read an agency's receipts by arrival and its
-- documents by issue over a period. The receipts' index carries the
-- columns statistics count and time, so that their scans read the index
-- alone.
CREATE INDEX receipts_arrival ON receipts (agency_id, created_at, refused_at, document_id,
    registered_at, registered_by, directed_at, directed_by);
CREATE INDEX documents_issued ON documents (issuer_unit_id, issued_at) WHERE issued_at IS NOT NULL;

-- +goose Down
DROP INDEX documents_issued;
DROP INDEX receipts_arrival;
