package apidoc

import (
	"encoding/json"
	"strings"
	"testing"
)

// doc is a small service document: one route, a Problem schema (shared
// or not) and an Item schema that refers to it.
func doc(problemDetail, scheme, opID string, extraPaths ...string) []byte {
	paths := map[string]any{"/v1/items": map[string]any{"get": map[string]any{
		"operationId": opID, "summary": "List",
		"responses": map[string]any{
			"200": map[string]any{"description": "ok", "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Item"}}}},
			"400": map[string]any{"$ref": "#/components/responses/BadRequest"},
		}}}}
	for _, p := range extraPaths {
		paths[p] = map[string]any{"get": map[string]any{"summary": p, "responses": map[string]any{"200": map[string]any{"description": "ok"}}}}
	}
	b, _ := json.Marshal(map[string]any{
		"openapi": "3.1.0", "info": map[string]any{"title": "t", "version": "1"},
		"paths": paths,
		"components": map[string]any{
			"schemas": map[string]any{
				"Problem": map[string]any{"type": "object", "description": problemDetail},
				"Item":    map[string]any{"type": "object", "properties": map[string]any{"error": map[string]any{"$ref": "#/components/schemas/Problem"}}},
			},
			"responses":       map[string]any{"BadRequest": map[string]any{"description": "bad", "content": map[string]any{"application/problem+json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Problem"}}}}},
			"securitySchemes": map[string]any{scheme: map[string]any{"type": "http", "scheme": "bearer"}},
		},
	})
	return b
}

// prefixed exposes each service under a prefix of its own: the test
// documents all serve /v1/items.
var prefixed = []Service{{"identity", "/identity"}, {"documents", "/documents"}, {"tasks", "/tasks"}}

func allDocs(over map[string][]byte) map[string][]byte {
	docs := map[string][]byte{}
	for _, s := range prefixed {
		docs[s.Name] = doc("same", "bearer", s.Name+"List")
	}
	for k, v := range over {
		docs[k] = v
	}
	return docs
}

type combined struct {
	Servers []struct{ URL string }
	Tags    []struct{ Name string }
	Paths   map[string]map[string]struct {
		OperationID string `json:"operationId"`
		Tags        []string
		Responses   map[string]json.RawMessage
	}
	Components struct {
		Schemas   map[string]json.RawMessage
		Responses map[string]json.RawMessage
	}
}

func TestCombine(t *testing.T) {
	tests := []struct {
		name     string
		services []Service
		docs     map[string][]byte
		wantErr  string
		check    func(t *testing.T, c combined, raw string)
	}{
		{name: "prefixes, tags, one server, shared identical components",
			docs: allDocs(nil),
			check: func(t *testing.T, c combined, raw string) {
				if len(c.Servers) != 1 || c.Servers[0].URL != "https://eoffice.example.vn" {
					t.Errorf("servers %+v", c.Servers)
				}
				if len(c.Tags) != len(prefixed) || c.Tags[0].Name != "identity" {
					t.Errorf("tags %+v", c.Tags)
				}
				for _, s := range prefixed {
					op, ok := c.Paths[s.Prefix+"/v1/items"]["get"]
					if !ok || op.Tags[0] != s.Name || op.OperationID != s.Name+"List" {
						t.Errorf("%s: %+v", s.Name, op)
					}
				}
				if _, ok := c.Components.Schemas["Problem"]; !ok || len(c.Components.Schemas) != 1+len(prefixed) {
					// Problem is shared; Item refers to Problem, so each later service renames it.
					t.Errorf("schemas %v", keys(c.Components.Schemas))
				}
			}},
		{name: "a name with different content is renamed and its references follow",
			docs: allDocs(map[string][]byte{"tasks": doc("other", "bearer", "tasksList")}),
			check: func(t *testing.T, c combined, raw string) {
				if _, ok := c.Components.Schemas["TasksProblem"]; !ok {
					t.Fatalf("schemas %v", keys(c.Components.Schemas))
				}
				var item struct {
					Properties map[string]struct {
						Ref string `json:"$ref"`
					}
				}
				json.Unmarshal(c.Components.Schemas["TasksItem"], &item)
				if item.Properties["error"].Ref != "#/components/schemas/TasksProblem" {
					t.Errorf("TasksItem.error → %q", item.Properties["error"].Ref)
				}
				if !strings.Contains(string(c.Components.Responses["TasksBadRequest"]), "TasksProblem") {
					t.Errorf("TasksBadRequest: %s", c.Components.Responses["TasksBadRequest"])
				}
				if r := string(c.Paths["/tasks/v1/items"]["get"].Responses["400"]); !strings.Contains(r, "TasksBadRequest") {
					t.Errorf("tasks' 400: %s", r)
				}
				if r := string(c.Paths["/identity/v1/items"]["get"].Responses["400"]); !strings.Contains(r, `"#/components/responses/BadRequest"`) {
					t.Errorf("identity's 400: %s", r)
				}
			}},
		{name: "an operationId two services use is renamed in the second",
			docs: allDocs(map[string][]byte{"tasks": doc("same", "bearer", "identityList")}),
			check: func(t *testing.T, c combined, raw string) {
				if id := c.Paths["/tasks/v1/items"]["get"].OperationID; id != "tasksIdentityList" {
					t.Errorf("tasks' operationId %q", id)
				}
			}},
		{name: "internal routes are left out, and components only they used",
			docs: allDocs(map[string][]byte{"tasks": doc("same", "bearer", "tasksList", "/healthz", "/metrics", "/v1/more", "/v1/console/x")}),
			check: func(t *testing.T, c combined, raw string) {
				_, health := c.Paths["/tasks/healthz"]
				_, console := c.Paths["/tasks/v1/console/x"]
				_, more := c.Paths["/tasks/v1/more"]
				if health || console || !more {
					t.Errorf("paths %v", keys(c.Paths))
				}
			}},
		{name: "a component no kept route uses is dropped",
			docs: allDocs(map[string][]byte{"tasks": func() []byte {
				var d map[string]any
				json.Unmarshal(doc("same", "bearer", "tasksList"), &d)
				d["components"].(map[string]any)["schemas"].(map[string]any)["Unused"] = map[string]any{"type": "string"}
				b, _ := json.Marshal(d)
				return b
			}()}),
			check: func(t *testing.T, c combined, raw string) {
				if _, ok := c.Components.Schemas["Unused"]; ok {
					t.Errorf("schemas %v", keys(c.Components.Schemas))
				}
			}},
		{name: "another security scheme name", docs: allDocs(map[string][]byte{"documents": doc("same", "bearerAuth", "x")}), wantErr: `documents: security scheme "bearerAuth"`},
		{name: "a service missing", docs: func() map[string][]byte { d := allDocs(nil); delete(d, "tasks"); return d }(), wantErr: "no document of tasks"},
		{name: "without prefixes, two services' routes must not meet", services: []Service{{Name: "identity"}, {Name: "documents"}},
			docs: allDocs(nil), wantErr: "identity and documents both serve /v1/items"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			services := tt.services
			if services == nil {
				services = prefixed
			}
			raw, err := Combine(services, tt.docs, "https://eoffice.example.vn/")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var c combined
			if err := json.Unmarshal(raw, &c); err != nil {
				t.Fatal(err)
			}
			tt.check(t, c, string(raw))
		})
	}
}

func TestRoutePrefixes(t *testing.T) {
	got, err := RoutePrefixes(doc("same", "bearer", "x", "/healthz", "/.well-known/jwks.json", "/v1/items/{id}/parts", "/v1/other", "/v1/console/sessions"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "/.well-known/jwks.json /v1/items /v1/other" {
		t.Errorf("got %q", got)
	}
}

func keys[V any](m map[string]V) []string {
	var l []string
	for k := range m {
		l = append(l, k)
	}
	return l
}
