package telemetry

import (
	"context"
	"sync"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/embedded"
	"go.opentelemetry.io/otel/trace/noop"
)

// The global TracerProvider is a router over the services' own providers,
// each with its service.name: a process normally runs one service, but
// eoffice-one runs them all, and one global provider would name every
// span after the service set up last. A span goes to the provider of the
// service its context names (WithService: svc.Runtime.Run and HTTPHandler
// put it there). A context that names none goes to the process's only
// provider; with several, or for a service with none of its own (the hub,
// the console), the span is not recorded, as in a process of its own
// without a provider, and its context still carries the caller's trace.
var tracers = &router{byService: map[string]trace.TracerProvider{}}

var installRouter sync.Once

// WithService marks ctx as the service's: spans started under it are the
// service's spans.
func WithService(ctx context.Context, service string) context.Context {
	return context.WithValue(ctx, serviceKey{}, service)
}

type serviceKey struct{}

// register makes tp the provider of service's spans, and the router the
// global provider; the returned func undoes the registration.
func register(service string, tp trace.TracerProvider) func() {
	installRouter.Do(func() { otel.SetTracerProvider(tracers) })
	tracers.mu.Lock()
	defer tracers.mu.Unlock()
	tracers.byService[service] = tp
	return func() {
		tracers.mu.Lock()
		defer tracers.mu.Unlock()
		if tracers.byService[service] == tp {
			delete(tracers.byService, service)
		}
	}
}

type router struct {
	embedded.TracerProvider
	mu        sync.RWMutex
	byService map[string]trace.TracerProvider
}

func (r *router) Tracer(name string, opts ...trace.TracerOption) trace.Tracer {
	return &routedTracer{r: r, name: name, opts: opts}
}

// provider is the provider of the service ctx names, or the only one.
func (r *router) provider(ctx context.Context) trace.TracerProvider {
	service, named := ctx.Value(serviceKey{}).(string)
	r.mu.RLock()
	defer r.mu.RUnlock()
	if tp, ok := r.byService[service]; ok {
		return tp
	}
	if !named && len(r.byService) == 1 {
		for _, tp := range r.byService {
			return tp
		}
	}
	return unrecorded
}

var unrecorded trace.TracerProvider = noop.NewTracerProvider()

// routedTracer picks its service's tracer at each span's start; the
// tracers are kept by provider, since the SDK's Tracer takes a lock.
type routedTracer struct {
	embedded.Tracer
	r     *router
	name  string
	opts  []trace.TracerOption
	cache sync.Map // trace.TracerProvider → trace.Tracer
}

func (t *routedTracer) Start(ctx context.Context, spanName string, opts ...trace.SpanStartOption) (context.Context, trace.Span) {
	tp := t.r.provider(ctx)
	tr, ok := t.cache.Load(tp)
	if !ok {
		tr, _ = t.cache.LoadOrStore(tp, tp.Tracer(t.name, t.opts...))
	}
	return tr.(trace.Tracer).Start(ctx, spanName, opts...)
}
