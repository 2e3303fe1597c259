package httpapi_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/blobs"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// get downloads with an optional If-None-Match.
func get(t *testing.T, e *testenv.Env, path, login, ifNoneMatch string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", e.Server.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+e.Token(login))
	if ifNoneMatch != "" {
		req.Header.Set("If-None-Match", ifNoneMatch)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp, raw
}

// TestAttachmentDownloadConditional: the ETag is the content's SHA-256;
// If-None-Match naming it answers 304 without a body, but only to a caller
// who may read the document.
func TestAttachmentDownloadConditional(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		var d document
		c.must(201, "POST", "/v1/documents", "ubnd.cv", validBody(), &d)
		content := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("Phụ lục "), 200)...)
		var att struct {
			ID     string `json:"id"`
			SHA256 string `json:"sha256"`
		}
		upload(t, e, d.ID, "ubnd.cv", "Phụ lục.pdf", "application/pdf", content, "", 201, &att)
		path := "/v1/documents/" + d.ID + "/attachments/" + att.ID
		etag := `"` + att.SHA256 + `"`

		tests := []struct {
			name, login, inm string
			status           int
			body             bool
		}{
			{"plain download", "ubnd.cv", "", 200, true},
			{"current copy", "ubnd.cv", etag, 304, false},
			{"weak, in a list", "ubnd.cv", `"other", W/` + etag, 304, false},
			{"any", "ubnd.cv", "*", 304, false},
			{"stale copy", "ubnd.cv", `"0000"`, 200, true},
			{"not a reader, with the etag", "snv.ld", etag, 404, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				resp, raw := get(t, e, path, tt.login, tt.inm)
				if resp.StatusCode != tt.status {
					t.Fatalf("status %d %s, want %d", resp.StatusCode, raw, tt.status)
				}
				if tt.body != bytes.Equal(raw, content) {
					t.Fatalf("body of %d bytes", len(raw))
				}
				if tt.status != 404 && resp.Header.Get("ETag") != etag {
					t.Fatalf("ETag %q, want %q", resp.Header.Get("ETag"), etag)
				}
				if tt.status == 404 && resp.Header.Get("ETag") != "" {
					t.Fatal("a refused download tells the ETag")
				}
			})
		}
	})
}

// TestAttachmentRemoveHTTP: DELETE answers 204 to the drafter of a draft;
// the content another attachment shares stays downloadable.
func TestAttachmentRemoveHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		var d document
		c.must(201, "POST", "/v1/documents", "ubnd.cv", validBody(), &d)
		content := []byte("%PDF-1.4\nchung")
		var a1, a2 struct{ ID string }
		upload(t, e, d.ID, "ubnd.cv", "a.pdf", "application/pdf", content, "", 201, &a1)
		upload(t, e, d.ID, "ubnd.cv", "b.pdf", "application/pdf", content, "", 201, &a2)
		n := 0
		_ = e.Blobs.Walk(context.Background(), func(blobs.Info) error { n++; return nil })
		if n != 1 {
			t.Fatalf("%d blobs for one content", n)
		}
		base := "/v1/documents/" + d.ID + "/attachments/"
		c.problem("DELETE", base+a1.ID, "snv.ld", nil, 404, "", "")
		c.problem("DELETE", base+"nope", "ubnd.cv", nil, 404, "", "")
		c.must(204, "DELETE", base+a1.ID, "ubnd.cv", nil, nil)
		c.problem("DELETE", base+a1.ID, "ubnd.cv", nil, 404, "", "")
		c.problem("GET", base+a1.ID, "ubnd.cv", nil, 404, "", "")
		if resp, raw := get(t, e, base+a2.ID, "ubnd.cv", ""); resp.StatusCode != 200 || !bytes.Equal(raw, content) {
			t.Fatalf("shared content: %d", resp.StatusCode)
		}
		c.must(200, "POST", "/v1/documents/"+d.ID+"/submit", "ubnd.cv", nil, nil)
		c.problem("DELETE", base+a2.ID, "ubnd.cv", nil, 409, "", "")
		if e.Count(t, "attachments") != 1 {
			t.Fatal("attachment rows")
		}
	})
}
