package edxml

import (
	"bytes"
	"testing"
)

func benchPackage() Package {
	p := samplePackage()
	p.Attachments = []Attachment{{Name: "quyet-dinh.pdf", ContentType: "application/pdf", Data: pdfLike(1 << 20)}}
	return p
}

// BenchmarkBuild reports MB/s of attachment bytes written.
func BenchmarkBuild(b *testing.B) {
	p := benchPackage()
	b.SetBytes(int64(len(p.Attachments[0].Data)))
	for b.Loop() {
		if _, err := Build(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead reports MB/s of edXML read.
func BenchmarkRead(b *testing.B) {
	doc, err := Build(benchPackage())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, _, err := Read(bytes.NewReader(doc), Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}
