-- +goose Up
-- Sent e-mails are deleted once they are older than the retention
-- (EOFFICE_EMAIL_RETENTION): this index finds them without reading the
-- table's bodies, a batch at a time.
CREATE INDEX email_outbox_sent ON email_outbox (sent_at) WHERE status = 'sent';

-- +goose Down
DROP INDEX email_outbox_sent;
