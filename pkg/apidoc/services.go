// Package apidoc makes the one OpenAPI description of the whole system
// that integrators read: each service's /openapi.json with its paths under
// the prefix the ingress exposes it at, one tag per service, the
// components merged, and servers from configuration.
package apidoc

// Service is one service's API as the ingress exposes it: every route of
// the service's own document, under Prefix (the ingress strips the
// prefix before the request reaches the service).
type Service struct {
	Name   string // as in envconf.DefaultPorts and the *api package names
	Prefix string
}

// Services is the one table of path prefixes: the combined description
// (Combine), the console's /api page and the ingress (deploy/k8s) follow
// it. A service added to the system gets a row here.
var Services = []Service{
	{Name: "identity", Prefix: "/identity"},
	{Name: "documents", Prefix: "/documents"},
	{Name: "tasks", Prefix: "/tasks"},
	{Name: "notifications", Prefix: "/notifications"},
	{Name: "exchange", Prefix: "/exchange"},
}

// runtimeRoutes are served beside every service's API by pkg/svc and
// are for the cluster (probes, scrapes), not for integrators: the combined
// description leaves them out even where a service's document lists them.
var runtimeRoutes = map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true, "/openapi.json": true}
