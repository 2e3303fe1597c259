// Package blobs keeps attachment contents. Files stores them on the local
// disk; an object store can take its place behind app.Blobs.
package blobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ErrTooLarge is returned when the content exceeds the limit.
var ErrTooLarge = errors.New("content too large")

// Files stores each attachment at <Dir>/<document id>/<attachment id>.
type Files struct{ Dir string }

func (f Files) path(doc, id string) (string, error) {
	for _, s := range []string{doc, id} {
		if s == "" || filepath.Base(s) != s || s == "." || s == ".." {
			return "", fmt.Errorf("blobs: bad name %q", s)
		}
	}
	return filepath.Join(f.Dir, doc, id), nil
}

// Put writes r, at most limit bytes, to a temporary file that is synced and
// then renamed into place: a crash leaves no half-written attachment. It
// returns the size, the hex SHA-256 and the first bytes (to sniff the type).
func (f Files) Put(_ context.Context, doc, id string, r io.Reader, limit int64) (int64, string, []byte, error) {
	dst, err := f.path(doc, id)
	if err != nil {
		return 0, "", nil, err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return 0, "", nil, fmt.Errorf("blobs: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".upload-*")
	if err != nil {
		return 0, "", nil, fmt.Errorf("blobs: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	h := sha256.New()
	head := &headWriter{n: 512}
	n, err := io.Copy(io.MultiWriter(tmp, h, head), io.LimitReader(r, limit+1))
	if err == nil && n > limit {
		err = ErrTooLarge
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), dst)
	}
	if err != nil {
		return 0, "", nil, fmt.Errorf("blobs: put %s/%s: %w", doc, id, err)
	}
	return n, hex.EncodeToString(h.Sum(nil)), head.b, nil
}

// Open reads a stored attachment.
func (f Files) Open(_ context.Context, doc, id string) (io.ReadCloser, error) {
	p, err := f.path(doc, id)
	if err != nil {
		return nil, err
	}
	return os.Open(p)
}

// Delete removes a stored attachment (after a refused or failed upload).
func (f Files) Delete(_ context.Context, doc, id string) error {
	p, err := f.path(doc, id)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

type headWriter struct {
	b []byte
	n int
}

func (w *headWriter) Write(p []byte) (int, error) {
	if room := w.n - len(w.b); room > 0 {
		w.b = append(w.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}
