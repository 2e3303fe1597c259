-- +goose Up
-- Finding any document (issue 18): the search form filters on the
-- notation (exact or prefix), the incoming number, the sender and the
-- signer. Names are matched accent-blind, so they are stored folded
-- (domain.Fold) beside the printed ones; the issuing and recipient units'
-- names are read from the unit directory instead.
ALTER TABLE documents ADD COLUMN sender_search TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN signer_search TEXT NOT NULL DEFAULT '';
CREATE INDEX documents_notation ON documents (notation) WHERE notation IS NOT NULL;
CREATE INDEX documents_original_notation ON documents (original_notation) WHERE original_notation <> '';
CREATE INDEX documents_original_date ON documents (original_date) WHERE original_date <> '';
CREATE INDEX receipts_number ON receipts (agency_id, incoming_number) WHERE incoming_number IS NOT NULL;

-- +goose Down
DROP INDEX receipts_number;
DROP INDEX documents_original_date;
DROP INDEX documents_original_notation;
DROP INDEX documents_notation;
ALTER TABLE documents DROP COLUMN signer_search;
ALTER TABLE documents DROP COLUMN sender_search;
