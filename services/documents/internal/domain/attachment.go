package domain

import (
	"mime"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// MaxFilename bounds an attachment's name.
const MaxFilename = 255

// Attachment is a file attached to a document (phụ lục, tài liệu kèm theo).
type Attachment struct {
	ID          string
	DocumentID  string
	Filename    string
	ContentType string
	Size        int64
	SHA256      string // hex
	UploadedBy  string
	CreatedAt   time.Time
}

// allowed maps the content types accepted to what http.DetectContentType
// says of such a file's first bytes; office formats that are zip archives
// sniff as zip, the old binary ones as octet-stream.
var allowed = map[string][]string{
	"application/pdf": {"application/pdf"},
	"image/png":       {"image/png"},
	"image/jpeg":      {"image/jpeg"},
	"text/plain":      {"text/plain; charset=utf-8"},
	"application/zip": {"application/zip"},
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   {"application/zip"},
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         {"application/zip"},
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": {"application/zip"},
	"application/vnd.oasis.opendocument.text":                                   {"application/zip"},
	"application/vnd.oasis.opendocument.spreadsheet":                            {"application/zip"},
	"application/msword":       {"application/octet-stream"},
	"application/vnd.ms-excel": {"application/octet-stream"},
}

// CheckUpload validates an upload's name and declared content type against
// the sniffed type of its first bytes, and returns the type to store.
func CheckUpload(filename, declared, sniffed string) (string, error) {
	var v apperr.Validator
	name := strings.TrimSpace(filename)
	v.Check(name != "" && filepath.Base(name) == name && name != "." && name != "..", "file", "needs a plain file name")
	v.Check(utf8.RuneCountInString(name) <= MaxFilename, "file", "the file name must be at most 255 characters")
	ct, _, err := mime.ParseMediaType(declared)
	if err != nil || ct == "application/octet-stream" {
		// No useful declaration: take the extension's type.
		ct, _, _ = mime.ParseMediaType(mime.TypeByExtension(strings.ToLower(filepath.Ext(name))))
	}
	want, ok := allowed[ct]
	switch {
	case !ok:
		v.Add("file", "content type "+ct+" is not accepted (PDF, images, text and office documents are)")
	case !containsString(want, sniffed):
		v.Add("file", "the content is not "+ct)
	}
	return ct, v.Err()
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
