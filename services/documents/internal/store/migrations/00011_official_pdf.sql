-- +goose Up
-- The signed official PDF of each issued document (its bytes are an
-- attachment of system kind 'issued_pdf').
CREATE TABLE document_pdfs (
    document_id   TEXT PRIMARY KEY REFERENCES documents (id),
    attachment_id TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    pages         INTEGER NOT NULL,
    created_at    TEXT NOT NULL
);

-- Documents issued whose PDF is still to be rendered and signed: written in
-- the issue's transaction, deleted in the one that records the PDF, so a
-- process stopped in between finds the work again. not_before is both the
-- retry time after a failure and the lease of a worker on it.
CREATE TABLE pdf_jobs (
    document_id TEXT PRIMARY KEY REFERENCES documents (id),
    attempts    INTEGER NOT NULL DEFAULT 0,
    not_before  TEXT NOT NULL,
    last_error  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX pdf_jobs_due ON pdf_jobs (not_before);

-- system_kind: '' for an upload, 'issued_pdf' for the official PDF.
-- seal: '' before issue, 'signed' (the agency signed the PDF) or 'not_pdf'.
ALTER TABLE attachments ADD COLUMN system_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE attachments ADD COLUMN seal TEXT NOT NULL DEFAULT '';

-- Signature images of people and seal images of agencies, as blobs.
CREATE TABLE signing_images (
    kind       TEXT NOT NULL,
    owner_id   TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    size       BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, owner_id)
);

-- +goose Down
DROP TABLE signing_images;
ALTER TABLE attachments DROP COLUMN seal;
ALTER TABLE attachments DROP COLUMN system_kind;
DROP TABLE pdf_jobs;
DROP TABLE document_pdfs;
