-- +goose Up
-- The search without a box at province scale (issue 21, agencySQL): a
-- page of an agency's documents is read in the search's order (newest
-- first) from its own documents and from its receipts (box_at is the
-- document's issue), instead of from every document of the province.
CREATE INDEX documents_issuer_by_date ON documents (issuer_unit_id, (COALESCE(issued_at, created_at)), id);
CREATE INDEX receipts_by_issue ON receipts (agency_id, box_at, document_id);

-- +goose Down
DROP INDEX receipts_by_issue;
DROP INDEX documents_issuer_by_date;
