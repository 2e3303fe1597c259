-- +goose Up
-- The systems that talk to the hub. A system registers itself by its first
-- call; only a hash of its secret is kept.
CREATE TABLE systems (
    id          TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- The organisation codes each system receives for (its announcement).
CREATE TABLE codes (
    code      TEXT PRIMARY KEY,
    system_id TEXT NOT NULL REFERENCES systems (id)
);
CREATE INDEX codes_system ON codes (system_id);

-- Messages in transit. status is the recipient's: new, processing, done
-- (stored on its side), fail (it could not take it). A message is offered
-- to its recipient until done or fail.
CREATE TABLE messages (
    id               TEXT PRIMARY KEY,
    sender_system    TEXT NOT NULL REFERENCES systems (id),
    sender_key       TEXT NOT NULL,
    type             TEXT NOT NULL,
    from_code        TEXT NOT NULL,
    to_code          TEXT NOT NULL,
    recipient_system TEXT NOT NULL REFERENCES systems (id),
    document_id      TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    body             BYTEA NOT NULL,
    status           TEXT NOT NULL,
    status_desc      TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
-- A retried send (same sender and key) is the same message.
CREATE UNIQUE INDEX messages_sender_key ON messages (sender_system, sender_key);
-- A package already held for a recipient (same edXML DocumentId) is not
-- stored twice, whoever sends it again.
CREATE UNIQUE INDEX messages_edoc_once ON messages (to_code, document_id) WHERE type = 'edoc' AND document_id <> '';
CREATE INDEX messages_pending ON messages (recipient_system, status, created_at);

-- +goose Down
DROP TABLE messages;
DROP TABLE codes;
DROP TABLE systems;
