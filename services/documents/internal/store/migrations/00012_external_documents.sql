-- +goose Up
-- Documents from outside the deployment (issue 17): how each came
-- (channel), its issuer outside (sender), the notation and date it wrote,
-- its signer as printed, and the exchange package it came in. Every
-- document stored before is internal.
ALTER TABLE documents ADD COLUMN channel TEXT NOT NULL DEFAULT 'internal';
ALTER TABLE documents ADD COLUMN sender_code TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN sender_name TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN original_notation TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN original_date TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN external_signer_name TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN external_signer_competence TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN external_signer_position TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN pages INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN exchange_package_id TEXT NOT NULL DEFAULT '';
-- One document per exchange package, whatever is redelivered.
CREATE UNIQUE INDEX documents_exchange_package ON documents (exchange_package_id) WHERE exchange_package_id <> '';

-- Organisations outside the deployment a document is sent to.
CREATE TABLE document_external_recipients (
    document_id TEXT NOT NULL REFERENCES documents (id),
    position    INTEGER NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    PRIMARY KEY (document_id, code)
);

-- A refused receipt's reason; handling_at: when work on a directed
-- receipt began (document.handling is emitted once, when it is set).
ALTER TABLE receipts ADD COLUMN refused_at TEXT;
ALTER TABLE receipts ADD COLUMN refused_by TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN refuse_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE receipts ADD COLUMN handling_at TEXT;

-- Packages exchange accepted for an agency of ours whose document is still
-- to be made (their files fetched): written when the event is consumed,
-- deleted in the transaction that makes the document, so nothing accepted
-- is lost while exchange is unreachable. Same lease-and-retry shape as
-- pdf_jobs.
CREATE TABLE exchange_intake (
    package_id TEXT PRIMARY KEY,
    payload    TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    not_before TEXT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX exchange_intake_due ON exchange_intake (not_before);

-- The signed PDF's attachment id, chosen in the issue's transaction so that
-- document.issued and document.pdf_ready name the same attachment ('' on
-- jobs queued before).
ALTER TABLE pdf_jobs ADD COLUMN attachment_id TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE pdf_jobs DROP COLUMN attachment_id;
DROP INDEX exchange_intake_due;
DROP TABLE exchange_intake;
ALTER TABLE receipts DROP COLUMN handling_at;
ALTER TABLE receipts DROP COLUMN refuse_reason;
ALTER TABLE receipts DROP COLUMN refused_by;
ALTER TABLE receipts DROP COLUMN refused_at;
DROP TABLE document_external_recipients;
DROP INDEX documents_exchange_package;
ALTER TABLE documents DROP COLUMN exchange_package_id;
ALTER TABLE documents DROP COLUMN pages;
ALTER TABLE documents DROP COLUMN external_signer_position;
ALTER TABLE documents DROP COLUMN external_signer_competence;
ALTER TABLE documents DROP COLUMN external_signer_name;
ALTER TABLE documents DROP COLUMN original_date;
ALTER TABLE documents DROP COLUMN original_notation;
ALTER TABLE documents DROP COLUMN sender_name;
ALTER TABLE documents DROP COLUMN sender_code;
ALTER TABLE documents DROP COLUMN channel;
