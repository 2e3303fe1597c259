package app_test

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
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/blobs"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

const grace = time.Hour

func pdf(s string) []byte { return append([]byte("%PDF-1.4\n"), s...) }

func sumOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func attach(t *testing.T, e *testenv.Env, login, docID, name string, content []byte) domain.Attachment {
	t.Helper()
	a, err := e.Service.AddAttachment(e.Ctx(login), docID, app.UploadInput{Filename: name, ContentType: "application/pdf",
		Content: bytes.NewReader(content)})
	if err != nil {
		t.Fatalf("attach %s: %v", name, err)
	}
	return a
}

// stored lists the blobs on disk.
func stored(t *testing.T, e *testenv.Env) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	if err := e.Blobs.Walk(context.Background(), func(i blobs.Info) error { out[i.SHA256] = i.Size; return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// age sets a blob's stored time back.
func age(t *testing.T, e *testenv.Env, sum string, by time.Duration) {
	t.Helper()
	at := time.Now().Add(-by)
	if err := os.Chtimes(filepath.Join(e.Blobs.Dir, "sha256", sum[0:2], sum[2:4], sum), at, at); err != nil {
		t.Fatal(err)
	}
}

func collector(t *testing.T, e *testenv.Env) *app.Collector {
	t.Helper()
	c, err := app.NewCollector(e.Service, app.CollectorConfig{Grace: grace, Interval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func download(t *testing.T, e *testenv.Env, login, docID, id string) ([]byte, error) {
	t.Helper()
	_, rc, err := e.Service.OpenAttachment(e.Ctx(login), docID, id)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// TestAttachmentContentStoredOnce: the same file attached twice to one
// draft and once to another is one blob, named by every row.
func TestAttachmentContentStoredOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		d1 := draft(t, e, "ubnd.cv", directive(id("STTTT")))
		d2 := draft(t, e, "ubnd.cv", directive(id("SNV")))
		content := pdf("Phụ lục I")
		a1 := attach(t, e, "ubnd.cv", d1.ID, "Phụ lục.pdf", content)
		a2 := attach(t, e, "ubnd.cv", d1.ID, "Bản sao.pdf", content)
		a3 := attach(t, e, "ubnd.cv", d2.ID, "Phụ lục.pdf", content)
		other := attach(t, e, "ubnd.cv", d2.ID, "Khác.pdf", pdf("Phụ lục II"))
		if a1.SHA256 != sumOf(content) || a2.SHA256 != a1.SHA256 || a3.SHA256 != a1.SHA256 || a1.ID == a2.ID {
			t.Fatalf("rows %+v %+v %+v", a1, a2, a3)
		}
		if got := stored(t, e); len(got) != 2 || got[a1.SHA256] != int64(len(content)) || got[other.SHA256] == 0 {
			t.Fatalf("blobs %v, want one per content", got)
		}
		for _, a := range []domain.Attachment{a1, a2, a3} {
			if got, err := download(t, e, "ubnd.cv", a.DocumentID, a.ID); err != nil || !bytes.Equal(got, content) {
				t.Fatalf("download %s: %v", a.ID, err)
			}
		}
	})
}

// TestUploadRefusals: refused uploads leave no row and no blob.
func TestUploadRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		d := draft(t, e, "ubnd.cv", directive(id("STTTT")))
		tests := []struct {
			name, file, ctype string
			content           []byte
			kind              error
		}{
			{"not what it claims", "x.pdf", "application/pdf", []byte("plain text"), apperr.ErrInvalid},
			{"type not accepted", "x.exe", "application/x-msdownload", []byte("MZ\x90\x00"), apperr.ErrInvalid},
			{"empty", "x.pdf", "application/pdf", nil, apperr.ErrInvalid},
			{"one byte over the limit", "big.pdf", "application/pdf", append(pdf(""), make([]byte, testenv.MaxAttachment-len(pdf(""))+1)...), apperr.ErrTooLarge},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := e.Service.AddAttachment(e.Ctx("ubnd.cv"), d.ID, app.UploadInput{Filename: tt.file,
					ContentType: tt.ctype, Content: bytes.NewReader(tt.content)})
				if !errors.Is(err, tt.kind) {
					t.Fatalf("err %v, want %v", err, tt.kind)
				}
			})
		}
		if n := e.Count(t, "attachments"); n != 0 || len(stored(t, e)) != 0 {
			t.Fatalf("%d rows, blobs %v", n, stored(t, e))
		}
		// Exactly the limit is accepted.
		attach(t, e, "ubnd.cv", d.ID, "max.pdf", append(pdf(""), make([]byte, testenv.MaxAttachment-len(pdf("")))...))
	})
}

// TestCollector: a blob whose transaction never committed (a crash between
// the two) goes once older than the grace period, not before; a blob a row
// names never goes, nor one stored again within the grace period; a removed
// attachment's blob goes only when no other row names it.
func TestCollector(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		ctx := context.Background()
		c := collector(t, e)
		d := draft(t, e, "ubnd.cv", directive(id("STTTT")))
		kept := attach(t, e, "ubnd.cv", d.ID, "giữ.pdf", pdf("referenced"))
		shared1 := attach(t, e, "ubnd.cv", d.ID, "chung-1.pdf", pdf("shared"))
		shared2 := attach(t, e, "ubnd.cv", d.ID, "chung-2.pdf", pdf("shared"))
		// The crash: content stored, its transaction never committed.
		crashed, _, err := e.Blobs.Put(ctx, bytes.NewReader(pdf("crashed upload")))
		if err != nil {
			t.Fatal(err)
		}
		restored, _, err := e.Blobs.Put(ctx, bytes.NewReader(pdf("stored again")))
		if err != nil {
			t.Fatal(err)
		}

		// Within the grace period nothing goes.
		if got, err := c.Collect(ctx); err != nil || got.Removed != 0 || got.Checked != 0 {
			t.Fatalf("fresh: %+v %v", got, err)
		}
		for _, s := range []string{kept.SHA256, shared1.SHA256, crashed, restored} {
			age(t, e, s, grace+time.Minute)
		}
		// An upload of the same content restarts its grace period.
		if again, _, err := e.Blobs.Put(ctx, bytes.NewReader(pdf("stored again"))); err != nil || again != restored {
			t.Fatal(err)
		}
		// One of two attachments sharing a blob is removed: the blob stays.
		if err := e.Service.RemoveAttachment(e.Ctx("ubnd.cv"), d.ID, shared1.ID); err != nil {
			t.Fatal(err)
		}
		got, err := c.Collect(ctx)
		if err != nil || got.Removed != 1 || got.Checked != 3 || got.RemovedBytes != int64(len(pdf("crashed upload"))) {
			t.Fatalf("after grace: %+v %v", got, err)
		}
		left := stored(t, e)
		if _, ok := left[crashed]; ok || len(left) != 3 {
			t.Fatalf("left %v", left)
		}
		if b, err := download(t, e, "ubnd.cv", d.ID, shared2.ID); err != nil || !bytes.Equal(b, pdf("shared")) {
			t.Fatalf("shared blob: %v", err)
		}
		// The last attachment naming it goes: so does the blob, after grace.
		if err := e.Service.RemoveAttachment(e.Ctx("ubnd.cv"), d.ID, shared2.ID); err != nil {
			t.Fatal(err)
		}
		if got, err := c.Collect(ctx); err != nil || got.Removed != 1 {
			t.Fatalf("after removing both: %+v %v", got, err)
		}
		if _, ok := stored(t, e)[shared1.SHA256]; ok {
			t.Fatal("unreferenced shared blob kept")
		}
		if _, err := download(t, e, "ubnd.cv", d.ID, shared2.ID); !isKind(err, apperr.ErrNotFound) {
			t.Fatalf("removed attachment: %v", err)
		}
		if b, err := download(t, e, "ubnd.cv", d.ID, kept.ID); err != nil || !bytes.Equal(b, pdf("referenced")) {
			t.Fatalf("referenced blob: %v", err)
		}
	})
}

func isKind(err, kind error) bool { return errors.Is(err, kind) }

// TestRemoveAttachmentRules: only the drafter, only on a draft.
func TestRemoveAttachmentRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		d := draft(t, e, "ubnd.cv", directive(id("STTTT")))
		a := attach(t, e, "ubnd.cv", d.ID, "x.pdf", pdf("x"))
		tests := []struct {
			login, doc, att string
			kind            error
		}{
			{"ubnd.ld", d.ID, a.ID, apperr.ErrForbidden},
			{"snv.ld", d.ID, a.ID, apperr.ErrNotFound},
			{"ubnd.cv", d.ID, "nope", apperr.ErrNotFound},
		}
		for _, tt := range tests {
			if err := e.Service.RemoveAttachment(e.Ctx(tt.login), tt.doc, tt.att); !isKind(err, tt.kind) {
				t.Errorf("%s removes %s: %v, want %v", tt.login, tt.att, err, tt.kind)
			}
		}
		if _, err := e.Service.SubmitDocument(e.Ctx("ubnd.cv"), d.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.Service.RemoveAttachment(e.Ctx("ubnd.cv"), d.ID, a.ID); err == nil {
			t.Fatal("removed from a submitted document")
		}
		if e.Count(t, "attachments") != 1 {
			t.Fatal("a refused removal removed")
		}
	})
}

// TestCollectorRacesUploads: an old unreferenced blob uploaded again while
// the collector runs is there once the upload has returned.
func TestCollectorRacesUploads(t *testing.T) {
	e := testenv.New(t, storetest.OpenSQLite(t))
	ctx := context.Background()
	c := collector(t, e)
	d := draft(t, e, "ubnd.cv", directive(id("STTTT")))
	content := pdf("raced")
	for i := range 30 {
		sum, _, err := e.Blobs.Put(ctx, bytes.NewReader(content))
		if err != nil {
			t.Fatal(err)
		}
		age(t, e, sum, grace+time.Minute)
		var wg sync.WaitGroup
		var a domain.Attachment
		wg.Go(func() { a = attach(t, e, "ubnd.cv", d.ID, "r.pdf", content) })
		wg.Go(func() {
			if _, err := c.Collect(ctx); err != nil {
				t.Error(err)
			}
		})
		wg.Wait()
		if b, err := download(t, e, "ubnd.cv", d.ID, a.ID); err != nil || !bytes.Equal(b, content) {
			t.Fatalf("round %d: uploaded blob lost: %v", i, err)
		}
		if err := e.Service.RemoveAttachment(e.Ctx("ubnd.cv"), d.ID, a.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMigrateLegacy: files of the first layout (<dir>/<document>/<id>)
// move to the blob store; a rerun, or one after a crash between storing
// and removing, finishes the job; orphans older than the grace period go;
// a file that does not match its row stays.
func TestMigrateLegacy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		ctx := context.Background()
		c := collector(t, e)
		d := draft(t, e, "ubnd.cv", directive(id("STTTT")))
		legacy := t.TempDir()
		write := func(doc, name string, content []byte, age time.Duration) string {
			t.Helper()
			p := filepath.Join(legacy, doc, name)
			_ = os.MkdirAll(filepath.Dir(p), 0o750)
			if err := os.WriteFile(p, content, 0o640); err != nil {
				t.Fatal(err)
			}
			at := time.Now().Add(-age)
			_ = os.Chtimes(p, at, at)
			return p
		}
		// Rows written by the old code, their files in the old layout only.
		var rows []domain.Attachment
		for i, s := range []string{"một", "hai", "hai"} {
			a := attach(t, e, "ubnd.cv", d.ID, "p"+s+".pdf", pdf(s))
			if _, err := e.Blobs.Delete(ctx, a.SHA256, time.Time{}); err != nil {
				t.Fatal(err)
			}
			write(d.ID, a.ID, pdf(s), time.Duration(i)*time.Hour)
			rows = append(rows, a)
		}
		// A crash after storing the first by hash, before removing its file.
		if _, _, err := e.Blobs.Put(ctx, bytes.NewReader(pdf("một"))); err != nil {
			t.Fatal(err)
		}
		bad := attach(t, e, "ubnd.cv", d.ID, "hỏng.pdf", pdf("good"))
		_, _ = e.Blobs.Delete(ctx, bad.SHA256, time.Time{})
		badPath := write(d.ID, bad.ID, pdf("corrupted"), 0)
		oldOrphan := write(d.ID, "0190-no-row", pdf("never committed"), 2*grace)
		newOrphan := write("other-doc", "0190-in-flight", pdf("in flight"), 0)
		oldTemp := write(d.ID, ".upload-123", pdf("half"), 2*grace)

		got, err := c.MigrateLegacy(ctx, legacy)
		if err != nil || got != (app.Migrated{Moved: 3, Orphans: 2, Mismatch: 1}) {
			t.Fatalf("migrate: %+v %v", got, err)
		}
		for _, a := range rows {
			if b, err := download(t, e, "ubnd.cv", d.ID, a.ID); err != nil || sumOf(b) != a.SHA256 {
				t.Fatalf("after migration %s: %v", a.Filename, err)
			}
		}
		if len(stored(t, e)) != 3 { // một, hai, and the corrupted content (for the collector)
			t.Fatalf("blobs %v", stored(t, e))
		}
		for p, want := range map[string]bool{badPath: true, oldOrphan: false, newOrphan: true, oldTemp: false,
			filepath.Join(legacy, d.ID, rows[0].ID): false} {
			if _, err := os.Stat(p); (err == nil) != want {
				t.Errorf("%s exists: %v, want %v", p, err == nil, want)
			}
		}
		// Rerun: only what had to stay is there.
		if got, err := c.MigrateLegacy(ctx, legacy); err != nil || got != (app.Migrated{Mismatch: 1}) {
			t.Fatalf("rerun: %+v %v", got, err)
		}
		// Once everything is moved, the old folder is gone.
		_ = os.Remove(badPath)
		_ = os.Remove(newOrphan)
		if _, err := c.MigrateLegacy(ctx, legacy); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(legacy); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("legacy folder: %v", err)
		}
		if got, err := c.MigrateLegacy(ctx, legacy); err != nil || got != (app.Migrated{}) {
			t.Fatalf("nothing left: %+v %v", got, err)
		}
	})
}

func TestCollectorConfig(t *testing.T) {
	tests := []struct {
		grace, every time.Duration
		ok           bool
	}{
		{app.DefaultBlobGrace, app.DefaultBlobGCEvery, true},
		{time.Minute, time.Minute, true},
		{time.Second, time.Hour, false},
		{0, time.Hour, false},
		{time.Hour, 0, false},
		{-time.Hour, time.Hour, false},
	}
	for _, tt := range tests {
		err := app.CollectorConfig{Grace: tt.grace, Interval: tt.every}.Validate()
		if (err == nil) != tt.ok {
			t.Errorf("grace %s every %s: %v", tt.grace, tt.every, err)
		}
	}
}
