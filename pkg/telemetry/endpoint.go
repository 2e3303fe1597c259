package telemetry

import (
	"context"
	"log/slog"
	"time"

	"github.com/go-kit/kit/endpoint"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

const instrumentationName = "github.com/eoffice-vn/eoffice/pkg/telemetry"

// Endpoint is the observability set for one go-kit endpoint: a span, a log
// line inside it (so the line carries the span's ids) and metrics.
func Endpoint(logger *slog.Logger, service, name string) endpoint.Middleware {
	return endpoint.Chain(EndpointMiddleware(name), LoggingMiddleware(logger, name), Instrument(service, name))
}

// EndpointMiddleware opens one span per call; an error, returned or carried
// in an endpoint.Failer response, marks the span as failed.
func EndpointMiddleware(name string) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, req any) (any, error) {
			// Looked up per call so a provider installed after wiring is used.
			ctx, span := otel.Tracer(instrumentationName).Start(ctx, name, trace.WithSpanKind(trace.SpanKindInternal))
			defer span.End()
			resp, err := next(ctx, req)
			if err := failure(resp, err); err != nil {
				span.RecordError(err)
				span.SetStatus(codes.Error, err.Error())
			}
			return resp, err
		}
	}
}

// LoggingMiddleware logs each call with its duration and error. Requests
// and responses are not logged: they hold personal data and tokens.
func LoggingMiddleware(logger *slog.Logger, name string) endpoint.Middleware {
	return func(next endpoint.Endpoint) endpoint.Endpoint {
		return func(ctx context.Context, req any) (any, error) {
			start := time.Now()
			resp, err := next(ctx, req)
			attrs := []slog.Attr{
				slog.String("endpoint", name),
				slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
			}
			level := slog.LevelInfo
			if f := failure(resp, err); f != nil {
				level = slog.LevelWarn
				attrs = append(attrs, slog.String("error", f.Error()))
			}
			logger.LogAttrs(ctx, level, "endpoint call", attrs...)
			return resp, err
		}
	}
}

// failure is the error of a call, whether returned or carried in the
// response as go-kit business errors are.
func failure(resp any, err error) error {
	if err != nil {
		return err
	}
	if f, ok := resp.(endpoint.Failer); ok {
		return f.Failed()
	}
	return nil
}
