-- +goose Up
-- Number series: confidential, normative and copies are numbered apart
-- from the general series (and confidential receipts apart in the incoming
-- register), so a number is unique per agency, year and series.
ALTER TABLE documents ADD COLUMN normative BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE documents ADD COLUMN copy_of_document_id TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN copy_form TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN copy_extract TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN copy_note TEXT NOT NULL DEFAULT '';
-- Every number given so far came from the general series.
ALTER TABLE documents ADD COLUMN number_series TEXT NOT NULL DEFAULT 'general';
-- The unique register of 00001 (issuer, year, number) would forbid the same
-- number in two series, and SQLite drops a table constraint only by
-- rebuilding the table, which the foreign keys onto documents forbid inside
-- a migration's transaction. So the constrained column is renamed and kept
-- empty (NULLs never collide), and the numbers move to a new column under a
-- unique index that names the series.
ALTER TABLE documents RENAME COLUMN number TO number_unseried;
ALTER TABLE documents ADD COLUMN number BIGINT;
UPDATE documents SET number = number_unseried, number_unseried = NULL WHERE number_unseried IS NOT NULL;
CREATE UNIQUE INDEX documents_number_series ON documents (issuer_unit_id, number_year, number_series, number);
CREATE INDEX documents_copy_of ON documents (copy_of_document_id, issued_at, id);

ALTER TABLE receipts ADD COLUMN incoming_series TEXT NOT NULL DEFAULT 'incoming';
DROP INDEX receipts_incoming_number;
CREATE UNIQUE INDEX receipts_incoming_number ON receipts (agency_id, incoming_year, incoming_series, incoming_number);

-- +goose Down
DROP INDEX receipts_incoming_number;
CREATE UNIQUE INDEX receipts_incoming_number ON receipts (agency_id, incoming_year, incoming_number);
ALTER TABLE receipts DROP COLUMN incoming_series;
DROP INDEX documents_copy_of;
DROP INDEX documents_number_series;
UPDATE documents SET number_unseried = number WHERE number_series = 'general';
ALTER TABLE documents DROP COLUMN number;
ALTER TABLE documents RENAME COLUMN number_unseried TO number;
ALTER TABLE documents DROP COLUMN number_series;
ALTER TABLE documents DROP COLUMN copy_note;
ALTER TABLE documents DROP COLUMN copy_extract;
ALTER TABLE documents DROP COLUMN copy_form;
ALTER TABLE documents DROP COLUMN copy_of_document_id;
ALTER TABLE documents DROP COLUMN normative;
