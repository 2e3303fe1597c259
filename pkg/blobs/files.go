// Package blobs keeps file contents (documents' attachments, exchange's
// packages and their files), addressed by their SHA-256: the same content
// is stored once however many records name it. Files
// stores them on the local disk; an object store can take its place behind
// app.Blobs.
package blobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// ErrTooLarge is returned when the content exceeds the limit.
var ErrTooLarge = errors.New("content too large")

// ErrBadHash is returned for a name that is not a lowercase hex SHA-256.
var ErrBadHash = errors.New("blobs: not a sha-256")

// Info describes a stored blob.
type Info struct {
	SHA256  string
	Size    int64
	ModTime time.Time // last stored or re-stored (a duplicate upload refreshes it)
}

// Files stores each blob at <Dir>/sha256/<h[0:2]>/<h[2:4]>/<h>, written to
// <Dir>/tmp first (the same file system, so the rename is atomic).
type Files struct {
	Dir string
}

// finalize serializes the last step of Put (rename, or refresh of an
// existing blob's time) with Delete's "is it still old?" check, so that a
// blob an upload has just stored or re-stored is never collected. It is per
// process: replicas sharing a folder rely on the grace period alone.
var finalize sync.Mutex

// ValidHash reports whether s is a lowercase hex SHA-256.
func ValidHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func (f Files) path(sum string) (string, error) {
	if !ValidHash(sum) {
		return "", fmt.Errorf("%w: %q", ErrBadHash, sum)
	}
	return filepath.Join(f.Dir, "sha256", sum[0:2], sum[2:4], sum), nil
}

func (f Files) tmpDir() string { return filepath.Join(f.Dir, "tmp") }

// Put stores r and returns its hex SHA-256 and size. The content goes to a
// temporary file that is synced, then renamed into place and the folder
// synced: a crash leaves either no blob or a whole one. Content already
// stored is not written again, only its time refreshed. An error from r
// (ErrTooLarge from Limit, say) is returned wrapped, and nothing is kept.
func (f Files) Put(_ context.Context, r io.Reader) (string, int64, error) {
	if err := os.MkdirAll(f.tmpDir(), 0o750); err != nil {
		return "", 0, fmt.Errorf("blobs: %w", err)
	}
	tmp, err := os.CreateTemp(f.tmpDir(), "upload-*")
	if err != nil {
		return "", 0, fmt.Errorf("blobs: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), r)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, fmt.Errorf("blobs: put: %w", err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	dst, _ := f.path(sum)
	if err := f.place(tmp.Name(), dst, n); err != nil {
		return "", 0, fmt.Errorf("blobs: put %s: %w", sum, err)
	}
	return sum, n, nil
}

// place moves the synced temporary file to dst, or, when dst already holds
// the content, refreshes dst's time so that the collector's grace period
// starts again for it.
func (f Files) place(tmp, dst string, size int64) error {
	finalize.Lock()
	defer finalize.Unlock()
	if st, err := os.Stat(dst); err == nil && st.Mode().IsRegular() && st.Size() == size {
		now := time.Now()
		return os.Chtimes(dst, now, now)
	}
	created, err := mkdirs(filepath.Dir(dst), f.Dir)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		return err
	}
	// The new name, and any folder made for it, must survive a crash too.
	if err := syncDir(filepath.Dir(dst)); err != nil {
		return err
	}
	for _, d := range created {
		if err := syncDir(filepath.Dir(d)); err != nil {
			return err
		}
	}
	return nil
}

// mkdirs makes dir and its missing parents below root, returning those it
// made, deepest first.
func mkdirs(dir, root string) ([]string, error) {
	var created []string
	for d := dir; d != root && d != filepath.Dir(d); d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		}
		created = append(created, d)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, err
	}
	return created, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Open reads a stored blob; a missing one is fs.ErrNotExist.
func (f Files) Open(_ context.Context, sum string) (io.ReadCloser, error) {
	p, err := f.path(sum)
	if err != nil {
		return nil, err
	}
	return os.Open(p)
}

// Delete removes a blob if it was last stored before the given time, and
// reports whether it did: a blob stored or re-stored since (an upload in
// flight) stays. A zero time removes it unconditionally. Removing a missing
// blob is not an error.
func (f Files) Delete(_ context.Context, sum string, storedBefore time.Time) (bool, error) {
	p, err := f.path(sum)
	if err != nil {
		return false, err
	}
	finalize.Lock()
	defer finalize.Unlock()
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("blobs: %w", err)
	}
	if !storedBefore.IsZero() && !st.ModTime().Before(storedBefore) {
		return false, nil
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("blobs: %w", err)
	}
	return true, nil
}

// Walk calls fn for every stored blob, in no particular order. Files whose
// name or place is not a blob's are skipped.
func (f Files) Walk(ctx context.Context, fn func(Info) error) error {
	root := filepath.Join(f.Dir, "sha256")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == root {
			return filepath.SkipDir // nothing stored yet
		}
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		sum := d.Name()
		if want, _ := f.path(sum); want != p {
			return nil
		}
		st, err := d.Info()
		if errors.Is(err, fs.ErrNotExist) {
			return nil // collected meanwhile
		}
		if err != nil {
			return err
		}
		return fn(Info{SHA256: sum, Size: st.Size(), ModTime: st.ModTime()})
	})
	if err != nil {
		return fmt.Errorf("blobs: walk: %w", err)
	}
	return nil
}

// PruneTemp removes temporary files left by uploads that crashed before
// they were placed, when older than the given time (younger ones may be
// uploads in flight). It returns how many it removed.
func (f Files) PruneTemp(_ context.Context, before time.Time) (int, error) {
	entries, err := os.ReadDir(f.tmpDir())
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("blobs: %w", err)
	}
	n := 0
	for _, e := range entries {
		st, err := e.Info()
		if err != nil || !st.Mode().IsRegular() || !st.ModTime().Before(before) {
			continue
		}
		if err := os.Remove(filepath.Join(f.tmpDir(), e.Name())); err == nil {
			n++
		}
	}
	return n, nil
}

// Limit returns a reader of r that fails with ErrTooLarge once more than
// max bytes have been read.
func Limit(r io.Reader, max int64) io.Reader { return &limited{r: r, left: max} }

type limited struct {
	r    io.Reader
	left int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, ErrTooLarge
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n, ErrTooLarge
	}
	return n, err
}
