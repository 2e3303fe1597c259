-- +goose Up
-- Sent e-mails and finished webhook deliveries are deleted once older than
-- their retention (EOFFICE_EMAIL_RETENTION, EOFFICE_WEBHOOK_RETENTION):
-- these indexes find them without reading the tables' bodies, a batch at
-- a time.
CREATE INDEX email_outbox_sent ON email_outbox (sent_at) WHERE status = 'sent';
CREATE INDEX webhook_deliveries_done ON webhook_deliveries (created_at, id) WHERE status <> 'pending';

-- +goose Down
DROP INDEX webhook_deliveries_done;
DROP INDEX email_outbox_sent;
