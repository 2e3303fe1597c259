package telemetry

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// recorder installs a global provider that records ended spans.
func recorder(t *testing.T) *tracetest.SpanRecorder {
	t.Helper()
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	prev := otel.GetTracerProvider()
	otel.SetTracerProvider(tp)
	t.Cleanup(func() { otel.SetTracerProvider(prev); _ = tp.Shutdown(context.Background()) })
	return rec
}

func TestLogger(t *testing.T) {
	recorder(t)
	tests := []struct {
		name     string
		level    string // EOFFICE_LOG_LEVEL
		inSpan   bool
		debug    bool // log at debug instead of info
		wantLine bool
	}{
		{"inside a span", "", true, false, true},
		{"outside a span", "", false, false, true},
		{"debug hidden by default", "", true, true, false},
		{"debug shown when asked", "debug", true, true, true},
		{"unknown level means info", "loud", true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("EOFFICE_LOG_LEVEL", tt.level)
			var buf bytes.Buffer
			logger := NewLogger(&buf, "documents")
			buf.Reset() // drop the warning about an unknown level
			ctx := context.Background()
			var sc trace.SpanContext
			if tt.inSpan {
				var span trace.Span
				ctx, span = otel.Tracer("test").Start(ctx, "op")
				defer span.End()
				sc = span.SpanContext()
			}
			if tt.debug {
				logger.DebugContext(ctx, "hello")
			} else {
				logger.InfoContext(ctx, "hello")
			}
			if !tt.wantLine {
				if buf.Len() != 0 {
					t.Fatalf("unexpected log: %s", buf.String())
				}
				return
			}
			var rec map[string]any
			if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
				t.Fatalf("%v: %s", err, buf.String())
			}
			if rec["service"] != "documents" || rec["msg"] != "hello" {
				t.Fatalf("record = %v", rec)
			}
			_, hasTrace := rec["trace_id"]
			if hasTrace != tt.inSpan {
				t.Fatalf("trace_id present = %v, want %v", hasTrace, tt.inSpan)
			}
			if tt.inSpan && (rec["trace_id"] != sc.TraceID().String() || rec["span_id"] != sc.SpanID().String()) {
				t.Fatalf("ids = %v/%v, want %v/%v", rec["trace_id"], rec["span_id"], sc.TraceID(), sc.SpanID())
			}
		})
	}
}

type failed struct{ err error }

func (f failed) Failed() error { return f.err }

func TestEndpointMiddleware(t *testing.T) {
	rec := recorder(t)
	boom := errors.New("boom")
	tests := []struct {
		name    string
		resp    any
		err     error
		wantErr bool
	}{
		{"success", "ok", nil, false},
		{"returned error", nil, boom, true},
		{"business error in the response", failed{boom}, nil, true},
		{"failer without error", failed{}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var inner trace.SpanContext
			ep := EndpointMiddleware("documents.issue")(func(ctx context.Context, _ any) (any, error) {
				inner = trace.SpanContextFromContext(ctx)
				return tt.resp, tt.err
			})
			_, _ = ep(context.Background(), nil)
			spans := rec.Ended()
			s := spans[len(spans)-1]
			if s.Name() != "documents.issue" || s.SpanKind() != trace.SpanKindInternal {
				t.Fatalf("span %q kind %v", s.Name(), s.SpanKind())
			}
			if s.SpanContext().SpanID() != inner.SpanID() {
				t.Fatal("the endpoint did not run inside the span")
			}
			want := codes.Unset
			if tt.wantErr {
				want = codes.Error
			}
			if s.Status().Code != want {
				t.Fatalf("status = %v, want %v", s.Status(), want)
			}
			if tt.wantErr && (len(s.Events()) == 0 || s.Events()[0].Name != "exception") {
				t.Fatalf("error not recorded: %v", s.Events())
			}
		})
	}
}

func TestEndpointSet(t *testing.T) {
	recorder(t)
	var buf bytes.Buffer
	logger := NewLogger(&buf, "tasks")
	ep := Endpoint(logger, "tasks", "tasks.assign")(func(context.Context, any) (any, error) {
		return failed{errors.New("no such unit")}, nil
	})
	_ = Instrument("tasks", "tasks.assign") // registering again must not panic
	reqs, _ := endpointMetrics()
	count := func(result string) float64 {
		var m dto.Metric
		if err := reqs.WithLabelValues("tasks", "tasks.assign", result).Write(&m); err != nil {
			t.Fatal(err)
		}
		return m.GetCounter().GetValue()
	}
	errs, oks := count("error"), count("ok")

	_, _ = ep(context.Background(), nil)

	if count("error")-errs != 1 || count("ok") != oks {
		t.Fatalf("counts: error +%v, ok +%v", count("error")-errs, count("ok")-oks)
	}
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("%v: %s", err, buf.String())
	}
	if rec["endpoint"] != "tasks.assign" || rec["error"] != "no such unit" || rec["level"] != "WARN" ||
		rec["trace_id"] == nil || rec["duration_ms"] == nil {
		t.Fatalf("log = %v", rec)
	}

	srv := httptest.NewServer(MetricsHandler("tasks"))
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{
		`eoffice_endpoint_requests_total{endpoint="tasks.assign",result="error",service="tasks"}`,
		`eoffice_endpoint_duration_seconds_bucket{endpoint="tasks.assign",service="tasks"`,
	} {
		if !strings.Contains(string(body), want) {
			t.Fatalf("/metrics lacks %s", want)
		}
	}
}
