package idempotency

import (
	"context"
	"embed"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// MigrationTable is goose's version table for this package's schema, apart
// from the service's own so that their version numbers never collide.
const MigrationTable = "goose_idempotency"

// Migrate creates or upgrades the idempotency_keys table in a service's
// database; each service that honours the header keeps its own table.
func Migrate(ctx context.Context, db *store.DB) error {
	return db.Migrate(ctx, MigrationTable, store.SubFS(migrations, "migrations"))
}
