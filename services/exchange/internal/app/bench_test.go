package app_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/app"
)

// BenchmarkBuildAndSend measures outgoing packages from the issue to the
// transport on SQLite: made, built (a 200 KB PDF from a stand-in documents
// service), stored and handed over; one operation is one package.
func BenchmarkBuildAndSend(b *testing.B) {
	h := newHarness(b, storetest.OpenSQLite(b))
	h.docs.pdf = bytes.Repeat([]byte("%PDF-1.7 0123456789abcdef"), 200<<10/25)
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		doc := fmt.Sprintf("d%d", i)
		h.inTx(func(ctx context.Context, w app.Writes) error {
			if err := h.app.DocumentIssued(ctx, w, app.Issued{DocumentID: doc, IssuerUnitID: "vp", Notation: "01/CT-UBND",
				Summary: "Về PAPI", RecipientCodes: []string{senderCode}}); err != nil {
				return err
			}
			return h.app.PDFReady(ctx, w, doc)
		})
		if n, err := h.app.BuildPending(ctx); err != nil || n != 1 {
			b.Fatalf("built %d, %v", n, err)
		}
		if n, err := h.app.SendDue(ctx); err != nil || n != 1 {
			b.Fatalf("sent %d, %v", n, err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "packages/s")
}
