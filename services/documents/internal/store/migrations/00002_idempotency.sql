-- +goose Up
-- The Idempotency-Key table is pkg/idempotency's (idempotency.Migrate, its
-- own version table): its SQL lives once there for every service. This
-- version stays so that later numbers keep their place; databases that ran
-- it before keep the table it made, which that migration then adopts.
SELECT 1;

-- +goose Down
SELECT 1;
