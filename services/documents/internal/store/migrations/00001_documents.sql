-- +goose Up
-- Portable SQL for SQLite and PostgreSQL. Times are UTC text of fixed width
-- (nine fraction digits, Z) so they sort and compare as text; optional text
-- is '' rather than NULL, except the numbering columns, which stay NULL until
-- issue so that the unique register below ignores unnumbered drafts.

-- The unit directory: a read model of identity's units.
CREATE TABLE units (
    id         TEXT PRIMARY KEY,
    parent_id  TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL,
    code       TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL DEFAULT '',
    short_name TEXT NOT NULL DEFAULT '',
    agency_id  TEXT NOT NULL,
    active     BOOLEAN NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE documents (
    id                      TEXT PRIMARY KEY,
    kind                    TEXT NOT NULL,
    status                  TEXT NOT NULL,
    issuer_unit_id          TEXT NOT NULL,
    drafting_unit_id        TEXT NOT NULL,
    drafter_id              TEXT NOT NULL,
    drafter_name            TEXT NOT NULL DEFAULT '',
    summary                 TEXT NOT NULL,
    body                    TEXT NOT NULL DEFAULT '',
    urgency                 TEXT NOT NULL,
    -- edXML priority 0..3: the incoming box sorts on it.
    urgency_rank            INTEGER NOT NULL,
    confidentiality         TEXT NOT NULL,
    due_date                TEXT NOT NULL DEFAULT '',
    implements_document_id  TEXT NOT NULL DEFAULT '',
    in_reply_to_document_id TEXT NOT NULL DEFAULT '',
    signer_id               TEXT NOT NULL DEFAULT '',
    signer_name             TEXT NOT NULL DEFAULT '',
    signer_title            TEXT NOT NULL DEFAULT '',
    signing_mark            TEXT NOT NULL DEFAULT '',
    approved_at             TEXT,
    number_year             INTEGER,
    number                  BIGINT,
    notation                TEXT,
    issued_at               TEXT,
    issued_by               TEXT NOT NULL DEFAULT '',
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    -- A number is given once per agency and year: the register itself.
    CONSTRAINT documents_number_unique UNIQUE (issuer_unit_id, number_year, number)
);
CREATE INDEX documents_outgoing ON documents (issuer_unit_id, created_at, id);
CREATE INDEX documents_incoming ON documents (urgency_rank, issued_at, id) WHERE issued_at IS NOT NULL;

CREATE TABLE document_recipients (
    document_id TEXT NOT NULL REFERENCES documents (id),
    position    INTEGER NOT NULL,
    unit_id     TEXT NOT NULL,
    agency_id   TEXT NOT NULL,
    PRIMARY KEY (document_id, unit_id)
);
CREATE INDEX document_recipients_agency ON document_recipients (agency_id, document_id);

-- One receipt per recipient agency of an issued document.
CREATE TABLE receipts (
    document_id     TEXT NOT NULL REFERENCES documents (id),
    agency_id       TEXT NOT NULL,
    status          TEXT NOT NULL,
    incoming_number BIGINT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (document_id, agency_id)
);
CREATE INDEX receipts_agency ON receipts (agency_id, status);

CREATE TABLE document_history (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id),
    action      TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL,
    trace_id    TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX document_history_document ON document_history (document_id, at, id);

-- Number registers (sổ văn bản đi): the last number given per agency, year
-- and series. Issuing takes the next one with an upsert in its transaction,
-- so concurrent clerks neither skip nor repeat a number.
CREATE TABLE number_counters (
    issuer_unit_id TEXT NOT NULL,
    year           INTEGER NOT NULL,
    series         TEXT NOT NULL,
    n              BIGINT NOT NULL,
    PRIMARY KEY (issuer_unit_id, year, series)
);

-- +goose Down
DROP TABLE number_counters;
DROP TABLE document_history;
DROP TABLE receipts;
DROP TABLE document_recipients;
DROP TABLE documents;
DROP TABLE units;
