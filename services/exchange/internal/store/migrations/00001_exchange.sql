-- +goose Up
-- The exchange service's own tables (identity's read model is
-- pkg/identityview's). Portable SQL: times are fixed-width UTC text,
-- absent values ''.

-- The directory of organisations outside this deployment.
CREATE TABLE exchange_organisations (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    parent_code TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Packages in and out. dedupe_key makes a repeat find the first: "in:" and
-- the SHA-256 of the bytes received, "out:" document id and recipient code.
CREATE TABLE exchange_packages (
    id                TEXT PRIMARY KEY,
    direction         TEXT NOT NULL,
    dedupe_key        TEXT NOT NULL UNIQUE,
    organisation_code TEXT NOT NULL DEFAULT '',
    organisation_name TEXT NOT NULL DEFAULT '',
    agency_id         TEXT NOT NULL DEFAULT '',
    our_code          TEXT NOT NULL DEFAULT '',
    issuer_unit_id    TEXT NOT NULL DEFAULT '',
    document_id       TEXT NOT NULL DEFAULT '',
    edxml_document_id TEXT NOT NULL DEFAULT '',
    code_number       TEXT NOT NULL DEFAULT '',
    code_notation     TEXT NOT NULL DEFAULT '',
    notation          TEXT NOT NULL DEFAULT '',
    promulgation_date TEXT NOT NULL DEFAULT '',
    subject           TEXT NOT NULL DEFAULT '',
    state             TEXT NOT NULL,
    reason            TEXT NOT NULL DEFAULT '',
    signature         TEXT NOT NULL DEFAULT 'unsigned',
    body_sha256       TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX exchange_packages_list ON exchange_packages (agency_id, created_at, id);
CREATE INDEX exchange_packages_created ON exchange_packages (created_at, id);
CREATE INDEX exchange_packages_document ON exchange_packages (document_id);
CREATE INDEX exchange_packages_state ON exchange_packages (state, created_at);
CREATE INDEX exchange_packages_edxml ON exchange_packages (direction, organisation_code, edxml_document_id);

CREATE TABLE exchange_files (
    package_id   TEXT NOT NULL,
    idx          INTEGER NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL DEFAULT '',
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    signature    TEXT NOT NULL,
    PRIMARY KEY (package_id, idx)
);

-- Status messages about a package, sent and received; each code once per
-- direction, so a repeat is dropped.
CREATE TABLE exchange_statuses (
    package_id TEXT NOT NULL,
    direction  TEXT NOT NULL,
    code       TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (package_id, direction, code)
);

-- What the sender hands to the transport: packages (their bytes in the
-- blob store) and status messages (their bytes here). queued → sent →
-- delivered (packages only).
CREATE TABLE exchange_messages (
    id         TEXT PRIMARY KEY,
    package_id TEXT NOT NULL,
    type       TEXT NOT NULL,
    from_code  TEXT NOT NULL,
    to_code    TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    state      TEXT NOT NULL,
    ref        TEXT NOT NULL DEFAULT '',
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    next_at    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX exchange_messages_due ON exchange_messages (state, next_at);

-- +goose Down
DROP TABLE exchange_messages;
DROP TABLE exchange_statuses;
DROP TABLE exchange_files;
DROP TABLE exchange_packages;
DROP TABLE exchange_organisations;
