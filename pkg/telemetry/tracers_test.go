package telemetry

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// TestSpansGoToTheirService runs two services' providers in one process,
// as eoffice-one does: each span must be recorded by the provider of the
// service its context names, whoever registered last.
func TestSpansGoToTheirService(t *testing.T) {
	rec := map[string]*tracetest.SpanRecorder{}
	for _, s := range []string{"documents", "tasks"} {
		rec[s] = tracetest.NewSpanRecorder()
		tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec[s]))
		t.Cleanup(register(s, tp))
	}
	tracer := otel.Tracer("test") // as instrumentation takes it: once, from the global provider
	cases := []struct {
		name string
		ctx  context.Context
		want string // the recorder that must hold the span; "" for none
	}{
		{"documents' span", WithService(context.Background(), "documents"), "documents"},
		{"tasks' span", WithService(context.Background(), "tasks"), "tasks"},
		{"a service with no provider", WithService(context.Background(), "hub"), ""},
		{"no service, two providers", context.Background(), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := map[string]int{"documents": len(rec["documents"].Ended()), "tasks": len(rec["tasks"].Ended())}
			_, span := tracer.Start(c.ctx, c.name)
			span.End()
			for s, r := range rec {
				got := len(r.Ended()) - before[s]
				if want := map[bool]int{true: 1, false: 0}[s == c.want]; got != want {
					t.Errorf("%s recorded %d spans, want %d", s, got, want)
				}
			}
		})
	}
}

// TestOnlyProviderTakesUnnamedSpans is the usual process of one service:
// a span whose context names no service is that service's.
func TestOnlyProviderTakesUnnamedSpans(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	t.Cleanup(register("identity", sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))))
	_, span := otel.Tracer("test").Start(context.Background(), "unnamed")
	span.End()
	if n := len(rec.Ended()); n != 1 {
		t.Fatalf("identity recorded %d spans, want 1", n)
	}
}

// TestHTTPHandlerNamesItsService checks a server span and the spans under
// it go to the handler's service while another service's provider is
// registered after it.
func TestHTTPHandlerNamesItsService(t *testing.T) {
	mine, other := tracetest.NewSpanRecorder(), tracetest.NewSpanRecorder()
	t.Cleanup(register("notifications", sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(mine))))
	t.Cleanup(register("exchange", sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(other))))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/ping", func(w http.ResponseWriter, r *http.Request) {
		_, span := otel.Tracer("test").Start(r.Context(), "inner")
		span.End()
	})
	srv := httptest.NewServer(HTTPHandler(mux, "notifications"))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/v1/ping")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var names []string
	for _, s := range mine.Ended() {
		names = append(names, s.Name())
		if s.SpanKind() == trace.SpanKindServer && s.Name() != "GET /v1/ping" {
			t.Errorf("server span named %q", s.Name())
		}
	}
	if len(names) != 2 || len(other.Ended()) != 0 {
		t.Fatalf("notifications recorded %v, exchange %d spans; want the server span and the inner one in notifications", names, len(other.Ended()))
	}
}
