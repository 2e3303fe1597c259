// Package telemetry wires OpenTelemetry tracing, slog JSON logs and
// Prometheus metrics the same way in every eoffice service.
package telemetry

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Setup configures tracing from the standard OTEL_* variables and installs
// the global propagator (TraceContext + Baggage) and the service's
// TracerProvider, behind the global one (tracers.go). The returned
// shutdown flushes pending spans.
//
// Without an OTLP endpoint (or with OTEL_TRACES_EXPORTER=none) spans are
// still created, so logs carry trace ids and propagation works, but a trace
// this service starts is not recorded (parentbased with a never-sampling
// root, unless OTEL_TRACES_SAMPLER says otherwise): recording spans nobody
// exports cost 2-3% of the tasks and notifications services' CPU per report
// submission (bench profile). A caller's sampled trace stays sampled, so a
// service that exports downstream still sees it. With an exporter the SDK
// reads OTEL_TRACES_SAMPLER(_ARG) (default parentbased_always_on) and
// OTEL_BSP_*; otlptracehttp reads OTEL_EXPORTER_OTLP_*.
func Setup(ctx context.Context, serviceName string) (shutdown func(context.Context) error, err error) {
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(
		propagation.TraceContext{}, propagation.Baggage{}))
	if strings.EqualFold(strings.TrimSpace(os.Getenv("OTEL_SDK_DISABLED")), "true") {
		return func(context.Context) error { return nil }, nil
	}

	// Later options win: OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES
	// override the name the service passes.
	res, err := resource.New(ctx,
		resource.WithAttributes(attribute.String("service.name", serviceName)),
		resource.WithTelemetrySDK(),
		resource.WithHost(),
		resource.WithFromEnv(),
	)
	if err != nil && !errors.Is(err, resource.ErrPartialResource) {
		return nil, fmt.Errorf("telemetry: resource: %w", err)
	}
	opts := []sdktrace.TracerProviderOption{sdktrace.WithResource(res)}

	export, err := otlpWanted()
	if err != nil {
		return nil, err
	}
	if export {
		exp, err := otlptracehttp.New(ctx)
		if err != nil {
			return nil, fmt.Errorf("telemetry: otlp exporter: %w", err)
		}
		opts = append(opts, sdktrace.WithBatcher(exp))
	} else if strings.TrimSpace(os.Getenv("OTEL_TRACES_SAMPLER")) == "" {
		opts = append(opts, sdktrace.WithSampler(sdktrace.ParentBased(sdktrace.NeverSample())))
	}
	tp := sdktrace.NewTracerProvider(opts...)
	unregister := register(serviceName, tp)
	return func(ctx context.Context) error {
		unregister()
		return tp.Shutdown(ctx)
	}, nil
}

// otlpWanted reads OTEL_TRACES_EXPORTER and the endpoint variables. Only
// OTLP over HTTP is built in; asking for anything else fails at start
// rather than silently exporting nothing.
func otlpWanted() (bool, error) {
	for _, p := range []string{"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"} {
		if v := strings.TrimSpace(os.Getenv(p)); v != "" {
			if v != "http/protobuf" {
				return false, fmt.Errorf("telemetry: %s=%s: only http/protobuf is supported", p, v)
			}
			break // the traces-specific setting wins
		}
	}
	want := os.Getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "" || os.Getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != ""
	for _, e := range strings.Split(os.Getenv("OTEL_TRACES_EXPORTER"), ",") {
		switch strings.ToLower(strings.TrimSpace(e)) {
		case "":
		case "none":
			return false, nil
		case "otlp":
			want = true // the exporter's default endpoint, localhost:4318
		default:
			return false, fmt.Errorf("telemetry: OTEL_TRACES_EXPORTER=%s: only otlp and none are supported", e)
		}
	}
	return want, nil
}
