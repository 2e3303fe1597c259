-- +goose Up
-- Signing authority: the mark a draft requests, the signer's two printed
-- lines and, when they signed under an authorisation, it and its grantor.
ALTER TABLE documents ADD COLUMN requested_mark TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN signer_mark_line TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN signer_position_line TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN signer_authorisation_id TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN signer_authorised_by_id TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN signer_authorised_by_name TEXT NOT NULL DEFAULT '';

-- A head's authorisations (ủy quyền); kinds is a comma-separated list of
-- kind names (which hold no comma). Dates are YYYY-MM-DD in Viet Nam.
CREATE TABLE authorisations (
    id           TEXT PRIMARY KEY,
    agency_id    TEXT NOT NULL,
    grantor_id   TEXT NOT NULL,
    grantor_name TEXT NOT NULL DEFAULT '',
    grantee_id   TEXT NOT NULL,
    grantee_name TEXT NOT NULL DEFAULT '',
    valid_from   TEXT NOT NULL,
    valid_to     TEXT NOT NULL,
    kinds        TEXT NOT NULL DEFAULT '',
    scope        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    revoked_at   TEXT,
    revoked_by   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX authorisations_grantee ON authorisations (grantee_id, valid_to);
CREATE INDEX authorisations_grantor ON authorisations (grantor_id, valid_to);
CREATE INDEX authorisations_agency ON authorisations (agency_id, valid_to);

-- An agency's signing settings; an agency without a row has the defaults
-- (domain.DefaultSigningRules).
CREATE TABLE signing_rules (
    agency_id  TEXT PRIMARY KEY,
    tl_kinds   TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL DEFAULT ''
);

-- +goose Down
DROP TABLE signing_rules;
DROP TABLE authorisations;
ALTER TABLE documents DROP COLUMN signer_authorised_by_name;
ALTER TABLE documents DROP COLUMN signer_authorised_by_id;
ALTER TABLE documents DROP COLUMN signer_authorisation_id;
ALTER TABLE documents DROP COLUMN signer_position_line;
ALTER TABLE documents DROP COLUMN signer_mark_line;
ALTER TABLE documents DROP COLUMN requested_mark;
