package apidoc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// SchemeName is the one security scheme every service's document names
// (a bearer access token from identity's POST /v1/token).
const SchemeName = "bearer"

// Combine is the description of the whole system: docs (service name →
// that service's openapi.json, one for every row of services) with each
// path under its service's prefix and tagged with the service's name, at
// the one server base. Components keep their names where that is
// unambiguous: a name two services use for different content (or for
// content that refers to other components) becomes the service's name
// then the component's ("TasksProblem") in the second service, and its
// references follow. An operationId two services use is renamed the same
// way. Every service must name its security scheme SchemeName.
// With no prefix, two services may not share a route's leading segments.
func Combine(services []Service, docs map[string][]byte, base string) ([]byte, error) {
	out := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":   "eoffice",
			"version": "1.0.0",
			"license": map[string]any{"name": "Apache-2.0", "identifier": "Apache-2.0"},
			"description": "The whole eoffice system as the ingress exposes it, on one host: " + where(services) +
				". Every operation is tagged with its service. Sign in with identity's POST " + prefixOf(services, "identity") +
				"/v1/token and send `Authorization: Bearer <access token>`. Errors are RFC 9457 problem+json.",
		},
		"servers":  []any{map[string]any{"url": trimSlash(base)}},
		"security": []any{map[string]any{SchemeName: []any{}}},
	}
	paths := map[string]any{}
	components := map[string]map[string]any{}
	var tags []any
	opIDs := map[string]string{}  // operationId → service
	routes := map[string]string{} // route prefix → service
	for _, s := range services {
		raw, ok := docs[s.Name]
		if !ok {
			return nil, fmt.Errorf("combine: no document of %s", s.Name)
		}
		leads, err := RoutePrefixes(raw)
		if err != nil {
			return nil, fmt.Errorf("combine: %s: %w", s.Name, err)
		}
		for _, lead := range leads {
			lead = s.Prefix + lead
			if other, dup := routes[lead]; dup {
				return nil, fmt.Errorf("combine: %s and %s both serve %s", other, s.Name, lead)
			}
			routes[lead] = s.Name
		}
		var d map[string]any
		if err := json.Unmarshal(raw, &d); err != nil {
			return nil, fmt.Errorf("combine: %s: %w", s.Name, err)
		}
		info, _ := d["info"].(map[string]any)
		tags = append(tags, map[string]any{"name": s.Name, "description": fmt.Sprintf("%v. %v", info["title"], info["description"])})
		comps, _ := d["components"].(map[string]any)
		if err := mergeSchemes(components, comps, s.Name); err != nil {
			return nil, err
		}
		renames := renameComponents(components, comps, s.Name)
		rewriteRefs(d, renames)
		for section, names := range comps {
			if section == "securitySchemes" {
				continue
			}
			for name, v := range names.(map[string]any) {
				if components[section] == nil {
					components[section] = map[string]any{}
				}
				components[section][renamed(renames, section, name)] = v
			}
		}
		docPaths, _ := d["paths"].(map[string]any)
		for path, item := range docPaths {
			if Internal(path) {
				continue
			}
			full := s.Prefix + path
			if _, dup := paths[full]; dup {
				return nil, fmt.Errorf("combine: %s: path %s twice", s.Name, full)
			}
			ops, _ := item.(map[string]any)
			for method, op := range ops {
				o, ok := op.(map[string]any)
				if !ok || !isMethod(method) {
					continue
				}
				o["tags"] = append([]any{s.Name}, anyList(o["tags"])...)
				if id, ok := o["operationId"].(string); ok {
					if _, taken := opIDs[id]; taken {
						id = s.Name + upperFirst(id)
						o["operationId"] = id
					}
					opIDs[id] = s.Name
				}
			}
			paths[full] = ops
		}
	}
	out["tags"] = tags
	out["paths"] = paths
	prune(components, paths)
	out["components"] = components
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("combine: %w", err)
	}
	return append(b, '\n'), nil
}

// mergeSchemes adds comps' security schemes to into: only SchemeName is
// allowed, and every service must mean the same scheme by it.
func mergeSchemes(into map[string]map[string]any, comps map[string]any, service string) error {
	schemes, _ := comps["securitySchemes"].(map[string]any)
	for name, v := range schemes {
		if name != SchemeName {
			return fmt.Errorf("combine: %s: security scheme %q, want %q", service, name, SchemeName)
		}
		s, _ := v.(map[string]any)
		if into["securitySchemes"] == nil {
			into["securitySchemes"] = map[string]any{}
		}
		prev, ok := into["securitySchemes"][name].(map[string]any)
		if ok && (prev["type"] != s["type"] || prev["scheme"] != s["scheme"]) {
			return fmt.Errorf("combine: %s: security scheme %q is %v %v, another service's is %v %v", service, name, s["type"], s["scheme"], prev["type"], prev["scheme"])
		}
		if !ok || prev["description"] == nil {
			into["securitySchemes"][name] = s // the first one that explains itself
		}
	}
	return nil
}

// renameComponents decides, for each component of comps, the name it
// takes in the combined document (section → old → new; only renamed ones).
func renameComponents(taken map[string]map[string]any, comps map[string]any, service string) map[string]map[string]string {
	renames := map[string]map[string]string{}
	for section, names := range comps {
		if section == "securitySchemes" {
			continue
		}
		m, _ := names.(map[string]any)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, name := range keys {
			prev, ok := taken[section][name]
			if !ok || (sameJSON(prev, m[name]) && !hasRef(m[name])) {
				continue
			}
			if renames[section] == nil {
				renames[section] = map[string]string{}
			}
			renames[section][name] = upperFirst(service) + upperFirst(name)
		}
	}
	return renames
}

func renamed(renames map[string]map[string]string, section, name string) string {
	if n, ok := renames[section][name]; ok {
		return n
	}
	return name
}

// rewriteRefs points every local $ref in v at the renamed components.
func rewriteRefs(v any, renames map[string]map[string]string) {
	switch x := v.(type) {
	case map[string]any:
		if ref, ok := x["$ref"].(string); ok {
			if rest, ok := strings.CutPrefix(ref, "#/components/"); ok {
				if section, name, ok := strings.Cut(rest, "/"); ok {
					x["$ref"] = "#/components/" + section + "/" + renamed(renames, section, name)
				}
			}
		}
		for _, e := range x {
			rewriteRefs(e, renames)
		}
	case []any:
		for _, e := range x {
			rewriteRefs(e, renames)
		}
	}
}

// prune drops the components no kept path refers to, directly or through
// other components: those only internal routes (Internal) used.
func prune(components map[string]map[string]any, paths map[string]any) {
	used := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok && !used[ref] {
				used[ref] = true
				if rest, ok := strings.CutPrefix(ref, "#/components/"); ok {
					if section, name, ok := strings.Cut(rest, "/"); ok {
						walk(components[section][name])
					}
				}
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(paths)
	for section, names := range components {
		if section == "securitySchemes" {
			continue
		}
		for name := range names {
			if !used["#/components/"+section+"/"+name] {
				delete(names, name)
			}
		}
	}
}

func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}

func hasRef(v any) bool {
	b, _ := json.Marshal(v)
	return bytes.Contains(b, []byte(`"$ref"`))
}

func isMethod(m string) bool {
	switch m {
	case "get", "put", "post", "delete", "options", "head", "patch", "trace":
		return true
	}
	return false
}

func anyList(v any) []any {
	l, _ := v.([]any)
	return l
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func prefixOf(services []Service, service string) string {
	for _, s := range services {
		if s.Name == service {
			return s.Prefix
		}
	}
	return ""
}

// where says where each service's routes are.
func where(services []Service) string {
	prefixed := false
	for _, s := range services {
		prefixed = prefixed || s.Prefix != ""
	}
	if !prefixed {
		return "every service's API at its own paths, which do not overlap"
	}
	var l []string
	for _, s := range services {
		if s.Prefix == "" {
			l = append(l, s.Name+" at its own paths")
		} else {
			l = append(l, s.Name+" under "+s.Prefix)
		}
	}
	return strings.Join(l, ", ")
}
