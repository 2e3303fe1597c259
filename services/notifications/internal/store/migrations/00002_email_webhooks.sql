-- +goose Up
-- The e-mail outbox: one row per e-mail, written in the transaction that
-- creates its notification (id = the notification's id), so that nothing a
-- person is told in-app is lost on the way to their mailbox. A sender claims
-- a row with a lease (lease_until) so that two replicas never send the same
-- row at once; a crash after the server accepted but before "sent" is
-- recorded sends again with the same Message-ID.
CREATE TABLE email_outbox (
    id               TEXT PRIMARY KEY,
    message_id       TEXT NOT NULL,
    user_id          TEXT NOT NULL,
    to_name          TEXT NOT NULL DEFAULT '',
    to_addr          TEXT NOT NULL,
    subject          TEXT NOT NULL,
    text_body        TEXT NOT NULL,
    html_body        TEXT NOT NULL,
    priority         INTEGER NOT NULL DEFAULT 0,
    cause_event_id   TEXT NOT NULL,
    cause_event_type TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    lease_until      TEXT NOT NULL DEFAULT '',
    last_error       TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    sent_at          TEXT
);
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending';

-- Webhooks of integrations. The secret signs deliveries, so it is kept as
-- given (it is never shown again).
CREATE TABLE webhooks (
    id                   TEXT PRIMARY KEY,
    owner_id             TEXT NOT NULL,
    url                  TEXT NOT NULL,
    secret               TEXT NOT NULL,
    active               BOOLEAN NOT NULL,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL,
    disabled_at          TEXT
);
CREATE INDEX webhooks_owner ON webhooks (owner_id, created_at, id);

-- One row per subscribed type, so that "the webhooks of this type" is an
-- indexed lookup on both databases.
CREATE TABLE webhook_event_types (
    webhook_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    PRIMARY KEY (event_type, webhook_id)
);

-- A delivery is one event owed to one webhook: written in the consumer's
-- transaction, unique per (webhook, event) so that a redelivered event owes
-- nothing more. body is the signed CloudEvents JSON, fixed at that moment
-- so that every retry sends the very same bytes.
CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    webhook_id       TEXT NOT NULL,
    event_id         TEXT NOT NULL,
    event_type       TEXT NOT NULL,
    body             TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    lease_until      TEXT NOT NULL DEFAULT '',
    last_status_code INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    delivered_at     TEXT,
    CONSTRAINT webhook_deliveries_once UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, created_at, id);

-- The delivery log: every attempt with its outcome.
CREATE TABLE webhook_attempts (
    delivery_id TEXT NOT NULL,
    attempt     INTEGER NOT NULL,
    at          TEXT NOT NULL,
    status_code INTEGER NOT NULL,
    error       TEXT NOT NULL DEFAULT '',
    duration_ms BIGINT NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);

-- +goose Down
DROP TABLE webhook_attempts;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_event_types;
DROP TABLE webhooks;
DROP TABLE email_outbox;
