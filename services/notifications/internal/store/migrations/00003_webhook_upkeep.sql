-- +goose Up
-- Secret rotation: for a grace period deliveries are signed under the new
-- secret and the one it replaced, so that an integrator can switch its
-- verifier without losing deliveries.
ALTER TABLE webhooks ADD COLUMN previous_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE webhooks ADD COLUMN previous_secret_until TEXT;
-- A deleted webhook is kept (inactive, hidden) with its delivery log, for
-- support; its pending deliveries are cancelled.
ALTER TABLE webhooks ADD COLUMN deleted_at TEXT;

-- +goose Down
ALTER TABLE webhooks DROP COLUMN deleted_at;
ALTER TABLE webhooks DROP COLUMN previous_secret_until;
ALTER TABLE webhooks DROP COLUMN previous_secret;
