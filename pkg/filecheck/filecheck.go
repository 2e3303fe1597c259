// Package filecheck decides whether an uploaded file is accepted: its name
// must be plain (no bidi or control characters that disguise an extension),
// its extension must be one of the accepted types, the declared content
// type must be that extension's, and the content must really be of that
// type (its signature, and for packages their structure). Every upload path
// calls Check, so the rules live here once.
package filecheck

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// MaxName bounds a file name, in characters.
const MaxName = 255

// Field is the field an upload's errors name (the multipart form field).
const Field = "file"

// Type is an accepted file type: its extensions, its content type, other
// content types browsers declare for it, and the check of its content.
type Type struct {
	Name    string // for messages, e.g. "a Word document"
	MIME    string
	Exts    []string // lowercase, with the dot
	Aliases []string
	content func(r io.ReaderAt, size int64) error
}

// Types lists the accepted types.
func Types() []Type { return types }

// ByExt returns the type of a lowercase extension (".docx").
func ByExt(ext string) (Type, bool) {
	for _, t := range types {
		for _, e := range t.Exts {
			if e == ext {
				return t, true
			}
		}
	}
	return Type{}, false
}

// Check validates an upload of size bytes readable at r, named name and
// declared as declared (empty or application/octet-stream: no
// declaration), and returns the content type to store. A refusal is an
// apperr.ErrInvalid naming the field "file".
func Check(name, declared string, r io.ReaderAt, size int64) (string, error) {
	if msg := NameProblem(name); msg != "" {
		return "", invalid(msg)
	}
	ext := strings.ToLower(path.Ext(name))
	t, ok := ByExt(ext)
	if !ok {
		return "", invalid("files named " + quoteExt(ext) + " are not accepted (" + accepted() + " are)")
	}
	if declared != "" {
		ct, _, err := mime.ParseMediaType(declared)
		if err != nil {
			return "", invalid("the declared content type is malformed")
		}
		if ct != "application/octet-stream" && ct != t.MIME && !contains(t.Aliases, ct) {
			return "", invalid("the declared type " + ct + " does not match the extension " + ext + " (" + t.MIME + ")")
		}
	}
	if size == 0 {
		return "", invalid("is empty")
	}
	if err := t.content(r, size); err != nil {
		return "", invalid("the content is not " + t.Name + " (" + ext + "): " + err.Error())
	}
	return t.MIME, nil
}

// NameProblem says what is wrong with a file name, or "" when nothing is.
// Format characters (the bidi overrides that show "cod.exe" as "exe.doc",
// zero-width ones) and control characters are refused, as are path
// separators and the trailing dots and spaces Windows drops from a name.
func NameProblem(name string) string {
	switch {
	case name == "":
		return "needs a file name"
	case !utf8.ValidString(name):
		return "the file name is not valid UTF-8"
	case utf8.RuneCountInString(name) > MaxName:
		return "the file name must be at most 255 characters"
	case name == "." || name == "..", strings.ContainsAny(name, `/\`):
		return "needs a plain file name, without folders"
	case strings.TrimSpace(name) != name || strings.HasSuffix(name, "."):
		return "the file name must not begin or end with a space, nor end with a dot"
	}
	return hiddenChar(name)
}

// hiddenChar names the first control, format (bidi, zero-width), line
// separator or private-use character of name, or is "".
func hiddenChar(name string) string {
	for _, r := range name {
		if unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Co) {
			return fmt.Sprintf("the file name holds an invisible control or direction character (U+%04X)", r)
		}
	}
	return ""
}

func invalid(msg string) error {
	return apperr.Invalid("the file is not accepted", apperr.FieldError{Field: Field, Message: msg})
}

func quoteExt(ext string) string {
	if ext == "" {
		return "without an extension"
	}
	return ext
}

func accepted() string { return strings.Join(exts(), ", ") }

// Accept is the accepted extensions as an HTML file input's accept
// attribute: ".pdf,.png,…".
func Accept() string { return strings.Join(exts(), ",") }

func exts() []string {
	var exts []string
	for _, t := range types {
		exts = append(exts, t.Exts...)
	}
	return exts
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// errNot is what a content check says when the signature is missing.
var errNot = errors.New("its signature is missing")
