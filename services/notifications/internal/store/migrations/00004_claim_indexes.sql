-- +goose Up
-- The senders claim due rows in order many times a second. With an index
-- on next_attempt_at alone, every claim read each pending row from the
-- table, past its large bodies (overflow pages), and sorted them: with a
-- backlog of a few thousand e-mails that was a tenth of the service's CPU
-- (bench profile, report submissions). These indexes hold the order and
-- every column the claim tests (status too: SQLite reads the table for a
-- column only the partial index's WHERE names), so a claim walks the index and stops at
-- its limit.
DROP INDEX email_outbox_due;
CREATE INDEX email_outbox_claim ON email_outbox (priority DESC, created_at, id, next_attempt_at, lease_until, status)
    WHERE status = 'pending';
DROP INDEX webhook_deliveries_due;
CREATE INDEX webhook_deliveries_claim ON webhook_deliveries (next_attempt_at, id, lease_until, webhook_id, status)
    WHERE status = 'pending';

-- +goose Down
DROP INDEX webhook_deliveries_claim;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
DROP INDEX email_outbox_claim;
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending';
