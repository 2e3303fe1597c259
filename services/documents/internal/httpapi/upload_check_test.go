package httpapi_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/blobs"
	"github.com/eoffice-vn/eoffice/pkg/filecheck/filechecktest"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/scan"
	"github.com/eoffice-vn/eoffice/pkg/scan/scantest"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

const (
	docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// send uploads content named name (encoded as RFC 7578 allows, so that any
// character reaches the service) declared as ctype.
func send(t *testing.T, e *testenv.Env, docID, name, ctype string, content []byte) reply {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", mime.FormatMediaType("form-data", map[string]string{"name": "file", "filename": name}))
	if ctype != "" {
		h.Set("Content-Type", ctype)
	}
	pw, _ := mw.CreatePart(h)
	_, _ = pw.Write(content)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", e.Server.URL+"/v1/documents/"+docID+"/attachments", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+e.Token("ubnd.cv"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, ctype: resp.Header.Get("Content-Type"), raw: raw}
}

// refused checks a refusal is a problem naming the file field, and that
// nothing was kept: no row, no blob.
func refused(t *testing.T, e *testenv.Env, r reply, status int, message string) problem {
	t.Helper()
	var p problem
	if r.status != status || r.ctype != httpx.ProblemContentType {
		t.Fatalf("%d %s %s, want a %d problem", r.status, r.ctype, r.raw, status)
	}
	r.json(t, &p)
	if message != "" && (len(p.Errors) != 1 || p.Errors[0].Field != "file" || !strings.Contains(p.Errors[0].Message, message)) {
		t.Fatalf("errors %+v, want the file field and %q", p.Errors, message)
	}
	n := 0
	_ = e.Blobs.Walk(context.Background(), func(blobs.Info) error { n++; return nil })
	spooled, _ := os.ReadDir(filepath.Join(e.Blobs.Dir, "tmp"))
	if rows := e.Count(t, "attachments"); rows != 0 || n != 0 || len(spooled) != 0 {
		t.Fatalf("a refused upload left %d rows, %d blobs and %d spooled files", rows, n, len(spooled))
	}
	return p
}

// TestUploadContentChecked: programs and archives disguised as documents,
// names with bidi or control characters and extensions that contradict
// the declared type are refused with 400 and keep nothing; real minimal
// files of each type are accepted and served with their type.
func TestUploadContentChecked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		var d document
		c.must(201, "POST", "/v1/documents", "ubnd.cv", validBody(), &d)
		bad := []struct {
			name, file, ctype string
			content           []byte
			message           string
		}{
			{"program as .doc", "Tờ trình.doc", "application/msword", filechecktest.PE(), "not a Word document"},
			{"program as .doc, sent as octet-stream", "Tờ trình.doc", "application/octet-stream", filechecktest.PE(), "not a Word document"},
			{"program as .xls", "Số liệu.xls", "application/vnd.ms-excel", filechecktest.PE(), "not an Excel workbook"},
			{"program as .docx", "Kế hoạch.docx", docxType, filechecktest.PE(), "not a Word document"},
			{"program as .xlsx", "Biểu mẫu.xlsx", xlsxType, filechecktest.PE(), "not an Excel workbook"},
			{"jar as .docx", "Kế hoạch.docx", docxType, filechecktest.Jar(), "Java program"},
			{"jar as .zip", "Hồ sơ.zip", "application/zip", filechecktest.Jar(), "Java program"},
			{"zip that is no Office package", "Kế hoạch.docx", docxType,
				filechecktest.Zip([2]string{"word/document.xml", "<w:document/>"}), "[Content_Types].xml"},
			{"workbook as .docx", "Kế hoạch.docx", docxType, filechecktest.XLSX(), "no main part"},
			{"right-to-left override", "Quyet-dinh\u202Ecod.exe", "application/msword", filechecktest.PE(), "U+202E"},
			{"right-to-left override on a real .doc", "Quyet-dinh\u202Excod.doc", "application/msword", filechecktest.OLE2("WordDocument"), "U+202E"},
			{"control character", "Quyết định\t.pdf", "application/pdf", filechecktest.PDF(), "U+0009"},
			{"extension against the declared type", "Quyết định.pdf", docxType, filechecktest.PDF(), "does not match"},
			{"real docx named .pdf", "Quyết định.pdf", "application/pdf", filechecktest.DOCX(), "not a PDF"},
			{"program", "setup.exe", "application/x-msdownload", filechecktest.PE(), "not accepted"},
		}
		for _, tt := range bad {
			t.Run(tt.name, func(t *testing.T) {
				refused(t, e, send(t, e, d.ID, tt.file, tt.ctype, tt.content), 400, tt.message)
			})
		}
		good := []struct {
			file, ctype, want string
			content           []byte
		}{
			{"Quyết định.pdf", "application/pdf", "application/pdf", filechecktest.PDF()},
			{"Tờ trình.doc", "application/msword", "application/msword", filechecktest.OLE2("WordDocument")},
			{"Số liệu.xls", "", "application/vnd.ms-excel", filechecktest.OLE2("Workbook")},
			{"Kế hoạch.docx", docxType, docxType, filechecktest.DOCX()},
			{"Biểu mẫu.xlsx", "application/octet-stream", xlsxType, filechecktest.XLSX()},
			{"Sơ đồ.png", "image/png", "image/png", filechecktest.PNG()},
			{"Ảnh hiện trường.jpg", "image/jpeg", "image/jpeg", filechecktest.JPEG()},
		}
		for _, tt := range good {
			t.Run(tt.file, func(t *testing.T) {
				r := send(t, e, d.ID, tt.file, tt.ctype, tt.content)
				var att struct {
					ID          string `json:"id"`
					Filename    string `json:"filename"`
					ContentType string `json:"content_type"`
				}
				if r.status != 201 {
					t.Fatalf("%d %s", r.status, r.raw)
				}
				r.json(t, &att)
				if att.Filename != tt.file || att.ContentType != tt.want {
					t.Fatalf("stored %+v", att)
				}
				got := c.do("GET", "/v1/documents/"+d.ID+"/attachments/"+att.ID, "ubnd.cv", nil)
				if got.status != 200 || got.ctype != tt.want || !bytes.Equal(got.raw, tt.content) {
					t.Fatalf("download %d %s", got.status, got.ctype)
				}
			})
		}
	})
}

// TestUploadScanned: with a real clamd (a database holding the EICAR test
// signature), the EICAR file is refused with 422 and nothing kept, inside
// a zip too; a clean file goes through. A scanner configured but not
// answering refuses uploads with 503 rather than keep them unscanned.
func TestUploadScanned(t *testing.T) {
	t.Run("clamd", func(t *testing.T) {
		s, err := scan.New(scantest.Clamd(t))
		if err != nil {
			t.Fatal(err)
		}
		storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
			e := testenv.New(t, db, testenv.WithScanner(s))
			c := client{t, e}
			var d document
			c.must(201, "POST", "/v1/documents", "ubnd.cv", validBody(), &d)
			p := refused(t, e, send(t, e, d.ID, "Ghi chú.txt", "text/plain", []byte(filechecktest.EICAR)), 422, scantest.Signature)
			if !strings.Contains(p.Detail, "malware") || !strings.Contains(p.Detail, "mã độc") {
				t.Fatalf("detail %q", p.Detail)
			}
			refused(t, e, send(t, e, d.ID, "Hồ sơ.zip", "application/zip",
				filechecktest.Zip([2]string{"Ghi chú.txt", filechecktest.EICAR})), 422, scantest.Signature)
			if r := send(t, e, d.ID, "Quyết định.pdf", "application/pdf", filechecktest.PDF()); r.status != 201 {
				t.Fatalf("clean file: %d %s", r.status, r.raw)
			}
			if e.Count(t, "attachments") != 1 {
				t.Fatal("the clean file was not kept")
			}
		})
	})
	t.Run("scanner down", func(t *testing.T) {
		s, err := scan.New("unix:" + filepath.Join(t.TempDir(), "clamd.sock"))
		if err != nil {
			t.Fatal(err)
		}
		storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
			e := testenv.New(t, db, testenv.WithScanner(s))
			c := client{t, e}
			var d document
			c.must(201, "POST", "/v1/documents", "ubnd.cv", validBody(), &d)
			refused(t, e, send(t, e, d.ID, "Quyết định.pdf", "application/pdf", filechecktest.PDF()), 503, "")
		})
	})
}
