-- +goose Up
-- Attachment contents are stored once per SHA-256 (issue 4): the blob
-- collector asks, for each stored blob, whether any row still names it.
CREATE INDEX attachments_sha256 ON attachments (sha256);

-- +goose Down
DROP INDEX attachments_sha256;
