package filecheck_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/filecheck"
	"github.com/eoffice-vn/eoffice/pkg/filecheck/filechecktest"
)

const (
	docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// TestCheck: real files of each type pass and are stored with their
// extension's type; programs and packages disguised as documents, names
// with bidi or control characters, and extensions that contradict the
// declared type are refused.
func TestCheck(t *testing.T) {
	f := filechecktest.Zip
	tests := []struct {
		name, file, declared string
		content              []byte
		want                 string // stored type; "" refused
		msg                  string // part of the refusal
	}{
		{"pdf", "Quyết định.pdf", "application/pdf", filechecktest.PDF(), "application/pdf", ""},
		{"png", "Sơ đồ.png", "image/png", filechecktest.PNG(), "image/png", ""},
		{"jpeg", "Ảnh.JPG", "image/jpeg", filechecktest.JPEG(), "image/jpeg", ""},
		{"text", "Ghi chú.txt", "text/plain; charset=utf-8", []byte("Kính gửi các Sở\n"), "text/plain", ""},
		{"doc", "Tờ trình.doc", "application/msword", filechecktest.OLE2("WordDocument"), "application/msword", ""},
		{"xls", "Số liệu.xls", "application/vnd.ms-excel", filechecktest.OLE2("Workbook"), "application/vnd.ms-excel", ""},
		{"docx", "Kế hoạch.docx", docx, filechecktest.DOCX(), docx, ""},
		{"xlsx", "Biểu mẫu.xlsx", xlsx, filechecktest.XLSX(), xlsx, ""},
		{"zip", "Hồ sơ.zip", "application/x-zip-compressed", f([2]string{"a.pdf", "%PDF-1.4"}), "application/zip", ""},
		{"no declaration: the extension's type", "a.docx", "", filechecktest.DOCX(), docx, ""},
		{"octet-stream: the extension's type", "a.pdf", "application/octet-stream", filechecktest.PDF(), "application/pdf", ""},

		{"program as .doc", "a.doc", "application/msword", filechecktest.PE(), "", "not a Word document"},
		{"program as .doc, octet-stream", "a.doc", "application/octet-stream", filechecktest.PE(), "", "not a Word document"},
		{"program as .docx", "a.docx", docx, filechecktest.PE(), "", "not a Word document"},
		{"program as .xlsx", "a.xlsx", xlsx, filechecktest.PE(), "", "not an Excel workbook"},
		{"program as .xls", "a.xls", "application/vnd.ms-excel", filechecktest.PE(), "", "not an Excel workbook"},
		{"program as .pdf", "a.pdf", "application/pdf", filechecktest.PE(), "", "not a PDF"},
		{"program as .txt", "a.txt", "text/plain", filechecktest.PE(), "", "NUL"},
		{"program as .png", "a.png", "image/png", filechecktest.PE(), "", "not a PNG"},
		{"self-extracting program as .docx", "a.docx", docx, append(filechecktest.PE(), filechecktest.DOCX()...), "", "not a Word"},
		{"jar as .docx", "a.docx", docx, filechecktest.Jar(), "", "Java program"},
		{"jar as .zip", "a.zip", "application/zip", filechecktest.Jar(), "", "Java program"},
		{"jar", "a.jar", "application/java-archive", filechecktest.Jar(), "", "not accepted"},
		{"program inside a zip", "a.zip", "application/zip", f([2]string{"Hướng dẫn.pdf.exe", "MZ"}), "", ".exe"},
		{"disguised name inside a zip", "a.zip", "application/zip", f([2]string{"cod\u202Etxt.pdf", "x"}), "", "U+202E"},
		{"zip without content types as .docx", "a.docx", docx, f([2]string{"word/document.xml", "<w:document/>"}), "", "[Content_Types].xml"},
		{"zip without the main part as .docx", "a.docx", docx,
			f([2]string{"[Content_Types].xml", `<Types><Override PartName="/word/document.xml" ContentType="` + docx + `.main+xml"/></Types>`}), "", "main part"},
		{"workbook as .docx", "a.docx", docx, filechecktest.XLSX(), "", "no main part"},
		{"document as .xlsx", "a.xlsx", xlsx, filechecktest.DOCX(), "", "no main part"},
		{"macros in a docx", "a.docx", docx, filechecktest.DOCX([2]string{"word/vbaProject.bin", "x"}), "", "macros"},
		{"workbook as .doc", "a.doc", "application/msword", filechecktest.OLE2("Workbook"), "", "WordDocument"},
		{"other compound file as .xls", "a.xls", "application/vnd.ms-excel", filechecktest.OLE2("SummaryInformation"), "", "Workbook"},
		{"broken compound file", "a.doc", "application/msword", filechecktest.OLE2("WordDocument")[:600], "", "not a Word document"},
		{"pdf named .docx", "a.docx", docx, filechecktest.PDF(), "", "not a Word document"},
		{"pdf declared as docx", "a.pdf", docx, filechecktest.PDF(), "", "does not match the extension .pdf"},
		{"docx declared as pdf", "a.docx", "application/pdf", filechecktest.DOCX(), "", "does not match the extension .docx"},
		{"exe", "a.exe", "application/x-msdownload", filechecktest.PE(), "", "not accepted"},
		{"no extension", "Quyết định", "application/pdf", filechecktest.PDF(), "", "without an extension"},
		{"right-to-left override", "Quyet-dinh\u202Ecod.exe", "application/msword", filechecktest.PE(), "", "U+202E"},
		{"right-to-left override, real doc", "Quyet-dinh\u202Excod.doc", "application/msword", filechecktest.OLE2("WordDocument"), "", "U+202E"},
		{"right-to-left isolate", "a\u2067fdp.exe\u2069.pdf", "application/pdf", filechecktest.PDF(), "", "U+2067"},
		{"zero-width space", "a\u200B.pdf", "application/pdf", filechecktest.PDF(), "", "U+200B"},
		{"newline", "a\n.pdf", "application/pdf", filechecktest.PDF(), "", "U+000A"},
		{"NUL", "a.exe\x00.pdf", "application/pdf", filechecktest.PDF(), "", "U+0000"},
		{"trailing dot", "a.pdf.", "application/pdf", filechecktest.PDF(), "", "end with a dot"},
		{"folder", `..\a.pdf`, "application/pdf", filechecktest.PDF(), "", "plain file name"},
		{"not UTF-8", "a\xff.pdf", "application/pdf", filechecktest.PDF(), "", "UTF-8"},
		{"too long", strings.Repeat("ạ", 252) + ".pdf", "application/pdf", filechecktest.PDF(), "", "255"},
		{"empty", "a.pdf", "application/pdf", nil, "", "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := filecheck.Check(tt.file, tt.declared, bytes.NewReader(tt.content), int64(len(tt.content)))
			if tt.want != "" {
				if err != nil || got != tt.want {
					t.Fatalf("got %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			e, ok := apperr.As(err)
			if !ok || !errors.Is(err, apperr.ErrInvalid) || len(e.Fields) != 1 || e.Fields[0].Field != "file" {
				t.Fatalf("got %q, %v; want a refusal of the file field", got, err)
			}
			if !strings.Contains(e.Fields[0].Message, tt.msg) {
				t.Fatalf("message %q, want it to mention %q", e.Fields[0].Message, tt.msg)
			}
		})
	}
}
