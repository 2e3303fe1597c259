package app_test

import (
	"context"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/trace"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// TestHistoryAndEventsCarryTheTrace: a transition's history entry names the
// trace of the request, and its event continues that trace.
func TestHistoryAndEventsCarryTheTrace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		v := draft(t, e, "ubnd.cv", directive(id("STTTT")))
		sc := trace.NewSpanContext(trace.SpanContextConfig{
			TraceID:    trace.TraceID{0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36},
			SpanID:     trace.SpanID{0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7},
			TraceFlags: trace.FlagsSampled,
		})
		ctx := trace.ContextWithSpanContext(e.Ctx("ubnd.cv"), sc)
		if _, err := e.Service.SubmitDocument(ctx, v.ID); err != nil {
			t.Fatal(err)
		}
		hs, err := e.Service.DocumentHistory(e.Ctx("ubnd.cv"), v.ID)
		if err != nil || len(hs) != 2 || hs[1].TraceID != "4bf92f3577b34da6a3ce929d0e0e4736" || hs[0].TraceID != "" {
			t.Fatalf("history %+v, %v", hs, err)
		}
		var parent string
		if err := db.QueryRowContext(context.Background(), `SELECT traceparent FROM outbox`).Scan(&parent); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(parent, "4bf92f3577b34da6a3ce929d0e0e4736") {
			t.Fatalf("traceparent %q", parent)
		}
	})
}
