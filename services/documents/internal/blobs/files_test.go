package blobs_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/eoffice-vn/eoffice/services/documents/internal/blobs"
)

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	f, ctx := blobs.Files{Dir: dir}, context.Background()
	content := bytes.Repeat([]byte("Nội dung "), 100)
	tests := []struct {
		name    string
		doc, id string
		data    []byte
		limit   int64
		wantErr error
	}{
		{"stored", "d1", "a1", content, int64(len(content)), nil},
		{"one byte too many", "d1", "a2", content, int64(len(content)) - 1, blobs.ErrTooLarge},
		{"a path in the name", "d1", "../x", content, 1 << 20, errors.New("any")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			size, sum, head, err := f.Put(ctx, tt.doc, tt.id, bytes.NewReader(tt.data), tt.limit)
			if tt.wantErr != nil {
				if err == nil || (errors.Is(tt.wantErr, blobs.ErrTooLarge) && !errors.Is(err, blobs.ErrTooLarge)) {
					t.Fatalf("err %v, want %v", err, tt.wantErr)
				}
				// Nothing is left behind, not even a temporary file.
				entries, _ := os.ReadDir(filepath.Join(dir, tt.doc))
				for _, e := range entries {
					if e.Name() != "a1" {
						t.Fatalf("left behind %s", e.Name())
					}
				}
				return
			}
			want := sha256.Sum256(tt.data)
			if err != nil || size != int64(len(tt.data)) || sum != hex.EncodeToString(want[:]) || !bytes.Equal(head, tt.data[:512]) {
				t.Fatalf("put: %d %s %v", size, sum, err)
			}
			rc, err := f.Open(ctx, tt.doc, tt.id)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(rc)
			rc.Close()
			if !bytes.Equal(got, tt.data) {
				t.Fatal("content differs")
			}
		})
	}
	if err := f.Delete(ctx, "d1", "a1"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Open(ctx, "d1", "a1"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("deleted: %v", err)
	}
	if err := f.Delete(ctx, "d1", "a1"); err != nil {
		t.Fatalf("delete twice: %v", err)
	}
}
