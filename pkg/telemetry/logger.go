package telemetry

import (
	"context"
	"io"
	"log/slog"
	"os"

	"go.opentelemetry.io/otel/trace"
)

// NewLogger returns a JSON logger tagged with service whose records carry
// the trace_id and span_id of the context they are logged with, so logs and
// traces can be joined. EOFFICE_LOG_LEVEL (debug, info, warn, error) sets
// the level; info by default.
func NewLogger(w io.Writer, service string) *slog.Logger {
	var level slog.Level
	bad := false
	if s := os.Getenv("EOFFICE_LOG_LEVEL"); s != "" {
		bad = level.UnmarshalText([]byte(s)) != nil
	}
	h := slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level})
	l := slog.New(traceHandler{h}).With(slog.String("service", service))
	if bad {
		l.Warn("EOFFICE_LOG_LEVEL not understood, using info", slog.String("value", os.Getenv("EOFFICE_LOG_LEVEL")))
	}
	return l
}

type traceHandler struct{ slog.Handler }

func (h traceHandler) Handle(ctx context.Context, r slog.Record) error {
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		r = r.Clone() // the record may share storage with the caller's
		r.AddAttrs(
			slog.String("trace_id", sc.TraceID().String()),
			slog.String("span_id", sc.SpanID().String()),
		)
	}
	return h.Handler.Handle(ctx, r)
}

func (h traceHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return traceHandler{h.Handler.WithAttrs(as)}
}

func (h traceHandler) WithGroup(name string) slog.Handler {
	return traceHandler{h.Handler.WithGroup(name)}
}
