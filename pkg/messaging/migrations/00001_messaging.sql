-- +goose Up
-- Portable SQL: the same file runs on SQLite and PostgreSQL. Times are UTC
-- text of fixed width so they compare as text; data is the protojson
-- payload, always valid UTF-8, so TEXT serves both databases.
CREATE TABLE outbox (
    id          TEXT PRIMARY KEY,
    topic       TEXT NOT NULL,
    key         TEXT NOT NULL,
    type        TEXT NOT NULL,
    source      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    time        TEXT NOT NULL,
    data        TEXT NOT NULL,
    traceparent TEXT NOT NULL DEFAULT '',
    tracestate  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    sent_at     TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0
);
-- The relay reads only unsent rows in id order; a partial index keeps that
-- read small however many sent rows the table holds.
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE inbox (
    consumer_group TEXT NOT NULL,
    event_id       TEXT NOT NULL,
    handled_at     TEXT NOT NULL,
    PRIMARY KEY (consumer_group, event_id)
);

-- +goose Down
DROP TABLE inbox;
DROP TABLE outbox;
