// Package apidoc makes the one OpenAPI description of the whole system
// that integrators read: each service's /openapi.json with its paths under
// the prefix the ingress exposes it at, one tag per service, the
// components merged, and servers from configuration.
package apidoc

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Service is one service's API as the ingress exposes it: every route of
// the service's own document, under Prefix (which an ingress with
// prefixes would strip before the request reaches the service).
type Service struct {
	Name   string // as in envconf.DefaultPorts and the *api package names
	Prefix string
}

// Services is the one table of where each service's API is exposed: the
// combined description (Combine), the console's /api page and the tests
// that stand in for the ingress follow it. The Ingress (deploy/k8s)
// routes each service's own paths on the console's host with no rewrite,
// the services' routes being disjoint (Combine fails when two services
// share a route's leading segments, RoutePrefixes): so no prefix. A
// service added to the system gets a row here.
var Services = []Service{
	{Name: "identity"},
	{Name: "documents"},
	{Name: "tasks"},
	{Name: "notifications"},
	{Name: "exchange"},
}

// runtimeRoutes are served beside every service's API by pkg/svc and
// are for the cluster (probes, scrapes), not for integrators.
var runtimeRoutes = map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true, "/openapi.json": true}

// Internal reports whether a service's route is one the Ingress does not
// publish and the combined description leaves out, even where a service's
// document lists it: the runtime's probes, metrics and document, and
// identity's console sessions (/v1/console/..., for the console's own
// client, which reaches identity inside the cluster).
func Internal(path string) bool {
	return runtimeRoutes[path] || strings.HasPrefix(path, "/v1/console/")
}

// RoutePrefixes are the leading segments ("/v1/documents",
// "/.well-known/jwks.json") of the routes of doc that integrators call,
// sorted: what an ingress routes by.
func RoutePrefixes(doc []byte) ([]string, error) {
	var d struct {
		Paths map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, fmt.Errorf("openapi document: %w", err)
	}
	seen := map[string]bool{}
	var out []string
	for p := range d.Paths {
		if Internal(p) {
			continue
		}
		parts := strings.SplitN(p, "/", 4) // "", "v1", "documents", rest
		lead := strings.Join(parts[:min(3, len(parts))], "/")
		if !seen[lead] {
			seen[lead] = true
			out = append(out, lead)
		}
	}
	sort.Strings(out)
	return out, nil
}
