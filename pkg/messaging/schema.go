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

// checkSchema fails fast, at Run, when Migrate was never called: the relay
// and the consumer would otherwise retry their first statement forever.
func checkSchema(ctx context.Context, db *store.DB) error {
	// Not ctx itself: a Run cancelled before it starts must still drain.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM outbox WHERE 1 = 0) + (SELECT COUNT(*) FROM inbox WHERE 1 = 0)`).Scan(&n); err != nil {
		return fmt.Errorf("messaging tables not readable (was messaging.Migrate called at start?): %w", err)
	}
	return nil
}

// timeLayout is fixed width (always nine fraction digits, always Z) so that
// stored times sort and compare correctly as text on both databases.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }
