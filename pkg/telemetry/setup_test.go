package telemetry

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
	collectortrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/protobuf/proto"
)

// collector is a fake OTLP/HTTP receiver that keeps the span names and
// service names it was sent.
type collector struct {
	mu       sync.Mutex
	posts    int
	spans    []string
	services []string
	badType  string
}

func (c *collector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r.Method != http.MethodPost || r.URL.Path != "/v1/traces" {
		http.NotFound(w, r)
		return
	}
	c.posts++
	if ct := r.Header.Get("Content-Type"); ct != "application/x-protobuf" {
		c.badType = ct
	}
	var body io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		body = zr
	}
	b, _ := io.ReadAll(body)
	var req collectortrace.ExportTraceServiceRequest
	if err := proto.Unmarshal(b, &req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	for _, rs := range req.ResourceSpans {
		for _, a := range rs.GetResource().GetAttributes() {
			if a.Key == "service.name" {
				c.services = append(c.services, a.GetValue().GetStringValue())
			}
		}
		for _, ss := range rs.ScopeSpans {
			for _, s := range ss.Spans {
				c.spans = append(c.spans, s.Name)
			}
		}
	}
	w.Header().Set("Content-Type", "application/x-protobuf")
	out, _ := proto.Marshal(&collectortrace.ExportTraceServiceResponse{})
	_, _ = w.Write(out)
}

func TestSetupExportsOnShutdown(t *testing.T) {
	col := &collector{}
	srv := httptest.NewServer(col)
	defer srv.Close()
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", srv.URL)
	t.Setenv("OTEL_BSP_SCHEDULE_DELAY", "60000") // only shutdown can flush
	t.Setenv("OTEL_SERVICE_NAME", "documents-test")
	restore := keepGlobals(t)
	defer restore()

	ctx := context.Background()
	shutdown, err := Setup(ctx, "documents")
	if err != nil {
		t.Fatal(err)
	}
	_, span := otel.Tracer("test").Start(ctx, "issue")
	if !span.SpanContext().IsSampled() {
		t.Fatal("default sampler should sample a root span")
	}
	span.End()
	col.mu.Lock()
	early := col.posts
	col.mu.Unlock()
	if early != 0 {
		t.Fatalf("exported before shutdown: %d posts", early)
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := shutdown(sctx); err != nil {
		t.Fatal(err)
	}
	col.mu.Lock()
	defer col.mu.Unlock()
	if col.posts == 0 || col.badType != "" {
		t.Fatalf("posts = %d, bad content type %q", col.posts, col.badType)
	}
	if strings.Join(col.spans, ",") != "issue" || strings.Join(col.services, ",") != "documents-test" {
		t.Fatalf("spans %v from services %v", col.spans, col.services)
	}
}

func TestSetupWithoutExporter(t *testing.T) {
	tests := []struct {
		name       string
		env        map[string]string
		wantErr    bool
		recordRoot bool // OTEL_TRACES_SAMPLER asks for it
	}{
		{"no endpoint", nil, false, false},
		{"exporter none", map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:1", "OTEL_TRACES_EXPORTER": "none"}, false, false},
		{"sampler set", map[string]string{"OTEL_TRACES_SAMPLER": "always_on"}, false, true},
		{"unsupported exporter", map[string]string{"OTEL_TRACES_EXPORTER": "zipkin"}, true, false},
		{"grpc protocol", map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:1", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
				"OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_TRACES_SAMPLER"} {
				t.Setenv(k, tt.env[k])
			}
			restore := keepGlobals(t)
			defer restore()
			shutdown, err := Setup(context.Background(), "tasks")
			if tt.wantErr {
				if err == nil {
					t.Fatal("want an error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			_, span := otel.Tracer("test").Start(context.Background(), "x")
			span.End()
			if !span.SpanContext().IsValid() {
				t.Fatal("spans need ids even without an exporter")
			}
			// A trace started here is not recorded (nobody would read it)
			// unless a sampler is asked for; a caller's sampled trace stays
			// sampled for those downstream.
			if span.SpanContext().IsSampled() != tt.recordRoot {
				t.Fatalf("root span sampled = %v, want %v", span.SpanContext().IsSampled(), tt.recordRoot)
			}
			parent := trace.ContextWithRemoteSpanContext(context.Background(), trace.NewSpanContext(trace.SpanContextConfig{
				TraceID: trace.TraceID{1}, SpanID: trace.SpanID{1}, TraceFlags: trace.FlagsSampled, Remote: true}))
			_, child := otel.Tracer("test").Start(parent, "y")
			child.End()
			if !child.SpanContext().IsSampled() || child.SpanContext().TraceID() != (trace.TraceID{1}) {
				t.Fatalf("a sampled caller's child: %+v", child.SpanContext())
			}
			// Nothing to flush: shutdown is quick even with the dead endpoint.
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			if err := shutdown(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestHTTPClientPropagates(t *testing.T) {
	restore := keepGlobals(t)
	defer restore()
	shutdown, err := Setup(context.Background(), "documents")
	if err != nil {
		t.Fatal(err)
	}
	defer shutdown(context.Background())
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		got = r.Header.Get("traceparent")
	}))
	defer srv.Close()

	ctx, span := otel.Tracer("test").Start(context.Background(), "caller")
	defer span.End()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	resp, err := HTTPClient(5 * time.Second).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if want := span.SpanContext().TraceID().String(); !strings.Contains(got, want) {
		t.Fatalf("traceparent = %q, want trace %s", got, want)
	}
}

func TestHTTPHandlerNamesSpansByRoute(t *testing.T) {
	rec := recorder(t)
	restoreProp := keepGlobals(t)
	defer restoreProp()
	mux := http.NewServeMux()
	var inner trace.SpanContext
	mux.HandleFunc("POST /v1/units/{id}/users", func(_ http.ResponseWriter, r *http.Request) {
		inner = trace.SpanContextFromContext(r.Context())
	})
	mux.HandleFunc("GET /healthz", func(http.ResponseWriter, *http.Request) {})
	h := HTTPHandler(mux, "identity")
	for _, target := range []string{"/v1/units/42/users", "/healthz"} {
		method := http.MethodPost
		if target == "/healthz" {
			method = http.MethodGet
		}
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(method, target, nil))
	}
	spans := rec.Ended()
	if len(spans) != 1 || spans[0].Name() != "POST /v1/units/{id}/users" ||
		spans[0].SpanKind() != trace.SpanKindServer || spans[0].SpanContext().SpanID() != inner.SpanID() {
		names := []string{}
		for _, s := range spans {
			names = append(names, s.Name())
		}
		t.Fatalf("spans = %v", names)
	}
}

// keepGlobals restores the global provider and propagator that Setup
// replaces, so tests do not leak into each other.
func keepGlobals(t *testing.T) func() {
	t.Helper()
	tp, prop := otel.GetTracerProvider(), otel.GetTextMapPropagator()
	return func() { otel.SetTracerProvider(tp); otel.SetTextMapPropagator(prop) }
}
