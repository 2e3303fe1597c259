// Package messaging moves eoffice events between services through Kafka
// with a transactional outbox on the producing side and an idempotent inbox
// on the consuming side (ARCHITECTURE.md, Messaging).
//
// Producer: Outbox.Add writes event rows in the caller's transaction; the
// relay (Outbox.Run) publishes committed rows and marks them sent. Consumer:
// each message is handled in one transaction together with its inbox row, so
// a redelivered event changes nothing, and the Kafka offset is committed only
// after that transaction. Delivery is at least once end to end.
package messaging

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// MigrationTable is goose's version table for this package's schema, apart
// from every service's own so their version numbers never collide.
const MigrationTable = "goose_messaging"

// Migrate creates or upgrades the outbox and inbox tables.
func Migrate(ctx context.Context, db *store.DB) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("messaging migrations: %w", err)
	}
	return db.Migrate(ctx, MigrationTable, sub)
}

// timeLayout is fixed width (always nine fraction digits, always Z) so that
// stored times sort and compare correctly as text on both databases.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }
