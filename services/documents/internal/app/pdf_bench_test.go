package app_test

import (
	"context"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// BenchmarkIssuedPDF measures what issuing adds per document: rendering
// the official PDF, signing it twice with the local CA's keys (the person,
// then the seal), storing it and recording it. Each iteration makes the PDF
// of one issued document; numbering and release are outside the timer.
func BenchmarkIssuedPDF(b *testing.B) {
	db := storetest.OpenSQLite(b)
	sign, _ := testenv.LocalSigning(b)
	e := testenv.New(b, db) // no signer: issue leaves each PDF to the worker
	ctx := context.Background()
	ids := make([]string, b.N)
	for i := range ids {
		v := approvedB(b, e)
		if _, err := e.Service.IssueDocument(e.Ctx("ubnd.vt"), v.ID); err != nil {
			b.Fatal(err)
		}
		ids[i] = v.ID
	}
	svc := app.New(app.Config{Documents: e.Store, DB: e.DB, Blobs: e.Blobs, Source: "/eoffice/documents", Signing: sign})
	w, err := app.NewPDFWorker(svc, 0, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	made := 0
	for made < b.N {
		n, err := w.RunDue(ctx)
		if err != nil || n == 0 {
			b.Fatalf("made %d of %d: %v", made, b.N, err)
		}
		made += n
	}
}

func approvedB(b *testing.B, e *testenv.Env) app.DocumentView {
	v, err := e.Service.CreateDocument(e.Ctx("ubnd.cv"), app.CreateInput{Draft: directive(id("STTTT"), id("SNV"))})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := e.Service.SubmitDocument(e.Ctx("ubnd.cv"), v.ID); err != nil {
		b.Fatal(err)
	}
	if v, err = e.Service.ApproveDocument(e.Ctx("ubnd.ld"), v.ID, app.ApproveInput{}); err != nil {
		b.Fatal(err)
	}
	return v
}
