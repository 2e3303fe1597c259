package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Migrated is what MigrateLegacy did.
type Migrated struct {
	Moved    int // files whose row names them, now stored by hash
	Orphans  int // files no row names (an upload that never committed), removed
	Mismatch int // files whose content is not the hash their row recorded, kept
}

// MigrateLegacy moves attachments stored by the first layout,
// <dir>/<document id>/<attachment id>, to the blob store, where their rows
// already name them by SHA-256. Each file is stored by hash before it is
// removed, so that a crash at any point leaves it readable and a rerun
// finishes the job; a folder with nothing left is removed. Files no row
// names, older than the grace period, are the orphans of uploads that never
// committed: they are removed. A file whose content does not match its row
// is kept and logged.
func (c *Collector) MigrateLegacy(ctx context.Context, dir string) (Migrated, error) {
	var out Migrated
	docs, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil // nothing from before, or migrated already
	}
	if err != nil {
		return out, fmt.Errorf("migrate attachments: %w", err)
	}
	cutoff := c.s.now().Add(-c.cfg.Grace)
	for _, d := range docs {
		if !d.IsDir() {
			continue
		}
		docDir := filepath.Join(dir, d.Name())
		files, err := os.ReadDir(docDir)
		if err != nil {
			return out, fmt.Errorf("migrate attachments: %w", err)
		}
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return out, err
			}
			if !f.Type().IsRegular() {
				continue
			}
			if err := c.migrateFile(ctx, docDir, d.Name(), f, cutoff, &out); err != nil {
				return out, fmt.Errorf("migrate attachment %s/%s: %w", d.Name(), f.Name(), err)
			}
		}
		_ = os.Remove(docDir) // only when empty
	}
	_ = os.Remove(dir)
	if out != (Migrated{}) {
		c.log.InfoContext(ctx, "attachments moved to the blob store", "moved", out.Moved,
			"orphans_removed", out.Orphans, "mismatched_kept", out.Mismatch)
	}
	return out, nil
}

func (c *Collector) migrateFile(ctx context.Context, docDir, docID string, f fs.DirEntry, cutoff time.Time, out *Migrated) error {
	p := filepath.Join(docDir, f.Name())
	if strings.HasPrefix(f.Name(), ".upload-") { // the old layout's temporary files
		return c.removeOrphan(ctx, p, cutoff, out)
	}
	att, err := c.s.st.Attachment(ctx, docID, f.Name())
	if errors.Is(err, domain.ErrNotFound) {
		return c.removeOrphan(ctx, p, cutoff, out)
	}
	if err != nil {
		return err
	}
	r, err := os.Open(p)
	if err != nil {
		return err
	}
	sum, _, err := c.s.blobs.Put(ctx, r)
	r.Close()
	if err != nil {
		return err
	}
	if sum != att.SHA256 {
		out.Mismatch++
		c.log.ErrorContext(ctx, "attachment content differs from its recorded hash; file kept",
			"path", p, "recorded", att.SHA256, "actual", sum)
		return nil // the stored blob, if nothing names it, goes to the collector
	}
	if err := os.Remove(p); err != nil {
		return err
	}
	out.Moved++
	return nil
}

// removeOrphan removes a file no row names once older than the grace
// period: a younger one may belong to an upload of an older version still
// running during an upgrade.
func (c *Collector) removeOrphan(ctx context.Context, p string, cutoff time.Time, out *Migrated) error {
	st, err := os.Stat(p)
	if err != nil || !st.ModTime().Before(cutoff) {
		return err
	}
	if err := os.Remove(p); err != nil {
		return err
	}
	out.Orphans++
	c.log.InfoContext(ctx, "orphan attachment file removed", "path", p, "size", st.Size())
	return nil
}
