package blobs_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"testing/iotest"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/blobs"
)

func hashOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// files lists every regular file under dir, relative to it.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestPut(t *testing.T) {
	content := bytes.Repeat([]byte("Nội dung "), 100)
	sum := hashOf(content)
	stored := "sha256/" + sum[0:2] + "/" + sum[2:4] + "/" + sum
	tests := []struct {
		name      string
		r         func() io.Reader
		wantErr   error // nil: stored
		wantFiles []string
	}{
		{"stored by hash", func() io.Reader { return bytes.NewReader(content) }, nil, []string{stored}},
		{"exactly the limit", func() io.Reader { return blobs.Limit(bytes.NewReader(content), int64(len(content))) }, nil, []string{stored}},
		{"one byte too many", func() io.Reader { return blobs.Limit(bytes.NewReader(content), int64(len(content))-1) }, blobs.ErrTooLarge, nil},
		{"the reader fails", func() io.Reader { return io.MultiReader(bytes.NewReader(content), iotest.ErrReader(io.ErrClosedPipe)) }, io.ErrClosedPipe, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			f := blobs.Files{Dir: dir}
			got, size, err := f.Put(context.Background(), tt.r())
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err %v, want %v", err, tt.wantErr)
				}
			} else if err != nil || got != sum || size != int64(len(content)) {
				t.Fatalf("put: %s %d %v", got, size, err)
			}
			// Nothing else is left behind, not even a temporary file.
			if got := files(t, dir); len(got) != len(tt.wantFiles) || (len(got) > 0 && got[0] != tt.wantFiles[0]) {
				t.Fatalf("files %v, want %v", got, tt.wantFiles)
			}
		})
	}
}

func TestSameContentStoredOnce(t *testing.T) {
	dir := t.TempDir()
	f, ctx := blobs.Files{Dir: dir}, context.Background()
	a, b := []byte("%PDF-1.4 một"), []byte("%PDF-1.4 hai")
	sa, _, err := f.Put(ctx, bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "sha256", sa[0:2], sa[2:4], sa)
	old := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
	again, _, err := f.Put(ctx, bytes.NewReader(a))
	if err != nil || again != sa {
		t.Fatalf("again: %s %v", again, err)
	}
	if _, _, err := f.Put(ctx, bytes.NewReader(b)); err != nil {
		t.Fatal(err)
	}
	if got := files(t, dir); len(got) != 2 {
		t.Fatalf("files %v, want one per content", got)
	}
	// Storing it again restarts its grace period.
	if st, err := os.Stat(p); err != nil || !st.ModTime().After(old.Add(time.Hour)) {
		t.Fatalf("time not refreshed: %v", err)
	}
	var walked []string
	if err := f.Walk(ctx, func(i blobs.Info) error { walked = append(walked, i.SHA256); return nil }); err != nil {
		t.Fatal(err)
	}
	sort.Strings(walked)
	want := []string{sa, hashOf(b)}
	sort.Strings(want)
	if len(walked) != 2 || walked[0] != want[0] || walked[1] != want[1] {
		t.Fatalf("walk %v, want %v", walked, want)
	}
	rc, err := f.Open(ctx, sa)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(got, a) {
		t.Fatal("content differs")
	}
}

func TestDelete(t *testing.T) {
	dir := t.TempDir()
	f, ctx := blobs.Files{Dir: dir}, context.Background()
	sum, _, err := f.Put(ctx, bytes.NewReader([]byte("nội dung")))
	if err != nil {
		t.Fatal(err)
	}
	stored := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "sha256", sum[0:2], sum[2:4], sum), stored, stored); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		sum    string
		before time.Time
		want   bool
		err    error
	}{
		{"stored after the time: kept", sum, stored.Add(-time.Minute), false, nil},
		{"stored at the time: kept", sum, stored, false, nil},
		{"stored before the time: removed", sum, stored.Add(time.Minute), true, nil},
		{"already gone", sum, time.Time{}, false, nil},
		{"not a hash", "../../etc/passwd", time.Time{}, false, blobs.ErrBadHash},
		{"upper case", "ABCDEF" + sum[6:], time.Time{}, false, blobs.ErrBadHash},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.Delete(ctx, tt.sum, tt.before)
			if got != tt.want || !errors.Is(err, tt.err) {
				t.Fatalf("delete: %v %v, want %v %v", got, err, tt.want, tt.err)
			}
		})
	}
	if _, err := f.Open(ctx, sum); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("open deleted: %v", err)
	}
	if _, err := f.Open(ctx, "x"); !errors.Is(err, blobs.ErrBadHash) {
		t.Fatalf("open bad name: %v", err)
	}
}

func TestWalkSkipsStrangers(t *testing.T) {
	dir := t.TempDir()
	f, ctx := blobs.Files{Dir: dir}, context.Background()
	n := 0
	if err := f.Walk(ctx, func(blobs.Info) error { n++; return nil }); err != nil || n != 0 {
		t.Fatalf("empty store: %d %v", n, err)
	}
	sum, _, err := f.Put(ctx, bytes.NewReader([]byte("x")))
	if err != nil {
		t.Fatal(err)
	}
	// A file in the wrong folder and one with a foreign name are not blobs.
	misplaced := filepath.Join(dir, "sha256", "00", "00", sum)
	for _, p := range []string{misplaced, filepath.Join(dir, "sha256", sum[0:2], sum[2:4], "notes.txt")} {
		_ = os.MkdirAll(filepath.Dir(p), 0o750)
		if err := os.WriteFile(p, []byte("x"), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	var got []blobs.Info
	if err := f.Walk(ctx, func(i blobs.Info) error { got = append(got, i); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].SHA256 != sum || got[0].Size != 1 {
		t.Fatalf("walk %+v", got)
	}
}

func TestPruneTemp(t *testing.T) {
	dir := t.TempDir()
	f := blobs.Files{Dir: dir}
	tmp := filepath.Join(dir, "tmp")
	_ = os.MkdirAll(tmp, 0o750)
	old := time.Now().Add(-2 * time.Hour)
	for name, at := range map[string]time.Time{"upload-crashed": old, "upload-in-flight": time.Now()} {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, []byte("partial"), 0o640); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
	}
	n, err := f.PruneTemp(context.Background(), time.Now().Add(-time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("pruned %d, %v", n, err)
	}
	if got := files(t, dir); len(got) != 1 || got[0] != "tmp/upload-in-flight" {
		t.Fatalf("left %v", got)
	}
}
