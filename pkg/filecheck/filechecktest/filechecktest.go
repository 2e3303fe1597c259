// Package filechecktest makes small real files of every accepted type, and
// the disguised programs filecheck refuses, for tests.
package filechecktest

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"unicode/utf16"
)

// EICAR is the antivirus test file every scanner reports as infected.
const EICAR = `X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`

// PDF is a minimal PDF document.
func PDF() []byte {
	return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
		"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
}

func img() image.Image {
	m := image.NewRGBA(image.Rect(0, 0, 4, 4))
	m.Set(1, 1, color.RGBA{R: 200, A: 255})
	return m
}

// PNG is a 4×4 PNG image.
func PNG() []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, img())
	return b.Bytes()
}

// JPEG is a 4×4 JPEG image.
func JPEG() []byte {
	var b bytes.Buffer
	_ = jpeg.Encode(&b, img(), nil)
	return b.Bytes()
}

// PE is the start of a Windows program: "MZ", the DOS stub and a PE header.
func PE() []byte {
	b := make([]byte, 1024)
	copy(b, "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")
	binary.LittleEndian.PutUint32(b[0x3c:], 0x80)
	copy(b[0x40:], "This program cannot be run in DOS mode.\r\r\n$")
	copy(b[0x80:], "PE\x00\x00\x4c\x01")
	return b
}

// Zip builds a ZIP archive of the named members, in order.
func Zip(members ...[2]string) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, m := range members {
		f, _ := w.Create(m[0])
		_, _ = f.Write([]byte(m[1]))
	}
	_ = w.Close()
	return b.Bytes()
}

const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="%s"/></Relationships>`

func contentTypes(part, typ string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/` + part + `" ContentType="` + typ + `"/></Types>`
}

func ooxml(part, typ, body string, extra [][2]string) []byte {
	return Zip(append([][2]string{{"[Content_Types].xml", contentTypes(part, typ)},
		{"_rels/.rels", fmt.Sprintf(rels, part)}, {part, body}}, extra...)...)
}

// DOCX is a minimal Word document, with extra members if any.
func DOCX(extra ...[2]string) []byte {
	return ooxml("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Quyết định</w:t></w:r></w:p></w:body></w:document>`, extra)
}

// XLSX is a minimal Excel workbook.
func XLSX() []byte {
	return ooxml("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
			`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`, nil)
}

// Jar is a Java program: a ZIP with a manifest and a class.
func Jar() []byte {
	return Zip([2]string{"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nMain-Class: Evil\r\n"},
		[2]string{"Evil.class", "\xca\xfe\xba\xbe\x00\x00\x00\x34"})
}

// OLE2 is a compound file (the old Office formats) whose root holds one
// 4096-byte stream of the given name ("WordDocument" for .doc, "Workbook"
// for .xls): 512-byte sectors, sector 0 the FAT, 1 the directory, 2–9 the
// stream.
func OLE2(stream string) []byte {
	const sec = 512
	const end, free, fatSect, noStream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
	b := make([]byte, sec*11)
	le := binary.LittleEndian
	copy(b, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(b[24:], 0x003E) // minor version
	le.PutUint16(b[26:], 3)      // major version: 512-byte sectors
	le.PutUint16(b[28:], 0xFFFE) // byte order
	le.PutUint16(b[30:], 9)      // sector shift
	le.PutUint16(b[32:], 6)      // mini sector shift
	le.PutUint32(b[44:], 1)      // FAT sectors
	le.PutUint32(b[48:], 1)      // first directory sector
	le.PutUint32(b[56:], 4096)   // mini stream cutoff
	le.PutUint32(b[60:], end)    // first mini FAT sector
	le.PutUint32(b[68:], end)    // first DIFAT sector
	le.PutUint32(b[76:], 0)      // DIFAT[0]: the FAT is sector 0
	for i := 1; i < 109; i++ {
		le.PutUint32(b[76+4*i:], free)
	}
	fat := b[sec : 2*sec]
	for i := 0; i < sec/4; i++ {
		le.PutUint32(fat[4*i:], free)
	}
	le.PutUint32(fat[0:], fatSect)
	le.PutUint32(fat[4:], end)
	for s := 2; s < 9; s++ {
		le.PutUint32(fat[4*s:], uint32(s+1))
	}
	le.PutUint32(fat[4*9:], end)
	dir := b[2*sec : 3*sec]
	entry := func(i int, name string, typ byte, child, start, size uint32) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], size)
	}
	entry(0, "Root Entry", 5, 1, end, 0)
	entry(1, stream, 2, noStream, 2, 4096)
	for i := 2; i < 4; i++ {
		e := dir[128*i:]
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], noStream)
	}
	return b
}
