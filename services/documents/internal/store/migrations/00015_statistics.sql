-- +goose Up
-- Registers and statistics read an agency's receipts by arrival and its
-- documents by issue over a period.
CREATE INDEX receipts_arrival ON receipts (agency_id, created_at);
CREATE INDEX documents_issued ON documents (issuer_unit_id, issued_at) WHERE issued_at IS NOT NULL;

-- +goose Down
DROP INDEX documents_issued;
DROP INDEX receipts_arrival;
