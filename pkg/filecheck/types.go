package filecheck

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/richardlehane/mscfb"
)

// The OOXML main part types of the accepted packages (ECMA-376 part 1;
// the macro-enabled variants are other types and so not accepted).
const (
	docxMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	xlsxMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
	pptxMain = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)

var types = []Type{
	{Name: "a PDF document", MIME: "application/pdf", Exts: []string{".pdf"}, Aliases: []string{"application/x-pdf"},
		content: prefix("%PDF-")},
	{Name: "a PNG image", MIME: "image/png", Exts: []string{".png"}, Aliases: []string{"image/x-png"}, content: decodes(png.DecodeConfig)},
	{Name: "a JPEG image", MIME: "image/jpeg", Exts: []string{".jpg", ".jpeg"}, Aliases: []string{"image/pjpeg", "image/jpg"},
		content: decodes(jpeg.DecodeConfig)},
	{Name: "plain UTF-8 text", MIME: "text/plain", Exts: []string{".txt"}, content: text},
	{Name: "a Word document", MIME: "application/msword", Exts: []string{".doc"}, content: ole2("WordDocument")},
	{Name: "an Excel workbook", MIME: "application/vnd.ms-excel", Exts: []string{".xls"},
		Aliases: []string{"application/msexcel", "application/x-msexcel"}, content: ole2("Workbook", "Book")},
	{Name: "a Word document", MIME: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		Exts: []string{".docx"}, content: ooxml(docxMain)},
	{Name: "an Excel workbook", MIME: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		Exts: []string{".xlsx"}, content: ooxml(xlsxMain)},
	{Name: "a PowerPoint presentation", MIME: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
		Exts: []string{".pptx"}, content: ooxml(pptxMain)},
	{Name: "an OpenDocument text", MIME: "application/vnd.oasis.opendocument.text", Exts: []string{".odt"},
		content: odf("application/vnd.oasis.opendocument.text")},
	{Name: "an OpenDocument spreadsheet", MIME: "application/vnd.oasis.opendocument.spreadsheet", Exts: []string{".ods"},
		content: odf("application/vnd.oasis.opendocument.spreadsheet")},
	{Name: "a ZIP archive", MIME: "application/zip", Exts: []string{".zip"},
		Aliases: []string{"application/x-zip-compressed", "application/x-zip"}, content: plainZip},
}

func head(r io.ReaderAt, n int) []byte {
	b := make([]byte, n)
	m, _ := r.ReadAt(b, 0)
	return b[:m]
}

func prefix(sig string) func(io.ReaderAt, int64) error {
	return func(r io.ReaderAt, _ int64) error {
		if !bytes.HasPrefix(head(r, len(sig)), []byte(sig)) {
			return errNot
		}
		return nil
	}
}

// decodes checks an image's header decodes (signature, then dimensions).
func decodes(config func(io.Reader) (image.Config, error)) func(io.ReaderAt, int64) error {
	return func(r io.ReaderAt, size int64) error {
		if _, err := config(io.NewSectionReader(r, 0, size)); err != nil {
			return errors.New("its header does not decode")
		}
		return nil
	}
}

// text accepts valid UTF-8 without NUL bytes (programs have them).
func text(r io.ReaderAt, size int64) error {
	buf := make([]byte, 64<<10)
	var carry []byte
	sr := io.NewSectionReader(r, 0, size)
	for {
		n, err := sr.Read(buf)
		chunk := append(carry, buf[:n]...)
		if bytes.IndexByte(chunk, 0) >= 0 {
			return errors.New("it holds NUL bytes")
		}
		// Keep an incomplete sequence at the end for the next chunk.
		cut := len(chunk)
		for i := 1; i <= utf8.UTFMax && i <= len(chunk); i++ {
			if utf8.RuneStart(chunk[len(chunk)-i]) {
				if !utf8.FullRune(chunk[len(chunk)-i:]) {
					cut = len(chunk) - i
				}
				break
			}
		}
		if !utf8.Valid(chunk[:cut]) {
			return errors.New("it is not UTF-8 text")
		}
		carry = append([]byte(nil), chunk[cut:]...)
		if err == io.EOF {
			if len(carry) > 0 {
				return errors.New("it is not UTF-8 text")
			}
			return nil
		}
		if err != nil {
			return err
		}
	}
}

var ole2Sig = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// ole2 checks a compound file (the old Office formats) whose root holds
// one of the named streams: an installer (.msi) is a compound file too,
// without them.
func ole2(streams ...string) func(io.ReaderAt, int64) error {
	return func(r io.ReaderAt, _ int64) (err error) {
		if !bytes.Equal(head(r, len(ole2Sig)), ole2Sig) {
			return errNot
		}
		defer func() {
			// The parser is fed untrusted bytes; a malformed file is a
			// refusal, never a crash.
			if recover() != nil {
				err = errors.New("its compound file structure is broken")
			}
		}()
		doc, err := mscfb.New(r)
		if err != nil {
			return errors.New("its compound file structure is broken")
		}
		for e, err := doc.Next(); err == nil; e, err = doc.Next() {
			if len(e.Path) == 0 && contains(streams, e.Name) {
				return nil
			}
		}
		return fmt.Errorf("it has no %s stream", streams[0])
	}
}

// openZip reads a zip archive that starts with a local file header (a
// self-extracting program is a zip too, after its own code) and holds no
// Java program or other executable.
func openZip(r io.ReaderAt, size int64) (*zip.Reader, error) {
	if !bytes.Equal(head(r, 4), []byte("PK\x03\x04")) {
		return nil, errNot
	}
	z, err := zip.NewReader(r, size)
	if err != nil {
		return nil, errors.New("it is not a readable ZIP archive")
	}
	for _, f := range z.File {
		name := strings.ToLower(f.Name)
		switch {
		case name == "meta-inf/manifest.mf" || strings.HasSuffix(name, ".class"):
			return nil, errors.New("it is a Java program")
		case name == "vbaproject.bin" || strings.HasSuffix(name, "/vbaproject.bin"):
			return nil, errors.New("it holds macros")
		case executableExts[path.Ext(name)]:
			return nil, fmt.Errorf("it holds a program (%s)", path.Ext(name))
		}
		if msg := hiddenChar(f.Name); msg != "" {
			return nil, errors.New("a name inside it is disguised: " + msg)
		}
	}
	return z, nil
}

// executableExts are names of programs and scripts Windows runs on a
// double click; none belongs inside an attached archive or document.
var executableExts = map[string]bool{
	".exe": true, ".dll": true, ".com": true, ".scr": true, ".pif": true, ".cpl": true, ".sys": true,
	".msi": true, ".msp": true, ".bat": true, ".cmd": true, ".ps1": true, ".vbs": true, ".vbe": true,
	".js": true, ".jse": true, ".wsf": true, ".wsh": true, ".hta": true, ".jar": true, ".lnk": true,
	".reg": true, ".apk": true,
}

// member reads a small member of the archive.
func member(z *zip.Reader, name string) ([]byte, bool, error) {
	for _, f := range z.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, true, err
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, 1<<20))
		return b, true, err
	}
	return nil, false, nil
}

func plainZip(r io.ReaderAt, size int64) error {
	_, err := openZip(r, size)
	return err
}

// ooxml checks an Office Open XML package: [Content_Types].xml names a part
// of the main type, and that part is in the package.
func ooxml(mainType string) func(io.ReaderAt, int64) error {
	return func(r io.ReaderAt, size int64) error {
		z, err := openZip(r, size)
		if err != nil {
			return err
		}
		raw, ok, err := member(z, "[Content_Types].xml")
		if !ok || err != nil {
			return errors.New("it is not an Office package ([Content_Types].xml is missing)")
		}
		var ct struct {
			Overrides []struct {
				PartName    string `xml:"PartName,attr"`
				ContentType string `xml:"ContentType,attr"`
			} `xml:"Override"`
		}
		if err := xml.Unmarshal(raw, &ct); err != nil {
			return errors.New("its [Content_Types].xml is malformed")
		}
		for _, o := range ct.Overrides {
			if o.ContentType != mainType {
				continue
			}
			if _, found, _ := member(z, strings.TrimPrefix(o.PartName, "/")); found {
				return nil
			}
			return errors.New("its main part " + o.PartName + " is missing")
		}
		return errors.New("it has no main part of this type")
	}
}

// odf checks an OpenDocument package: its "mimetype" member names the type.
func odf(mimeType string) func(io.ReaderAt, int64) error {
	return func(r io.ReaderAt, size int64) error {
		z, err := openZip(r, size)
		if err != nil {
			return err
		}
		raw, ok, err := member(z, "mimetype")
		if !ok || err != nil || string(raw) != mimeType {
			return errors.New("its mimetype member does not name " + mimeType)
		}
		return nil
	}
}
