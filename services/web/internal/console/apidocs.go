package console

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strings"
)

// The API reference for integrators (/api): the combined OpenAPI
// description of every service (pkg/apidoc), rendered here on the server
// (no script, nothing from another site) and served as it is at
// /api/openapi.json. Both are public, as each service's /openapi.json is.

// apiDoc is the description as the page shows it.
type apiDoc struct {
	Title, Version, Description, Server string
	Schemes                             []apiScheme
	Groups                              []apiGroup
	Schemas                             []apiSchema
}

type apiScheme struct{ Name, Type, Scheme, Format, Description string }

type apiGroup struct {
	Tag, Description string
	Ops              []apiOp
}

type apiOp struct {
	Method, Path, ID, Summary, Description string
	Scope                                  string // x-client-scope: what an integration client needs
	Public                                 bool   // security: [] (no token)
	Params                                 []apiParam
	Body                                   []apiContent
	BodyRequired                           bool
	Responses                              []apiResponse
}

type apiParam struct {
	Name, In, Description string
	Required              bool
	Type                  apiType
}

type apiContent struct {
	MediaType string
	Type      apiType
}

type apiResponse struct {
	Status, Description string
	Content             []apiContent
}

type apiSchema struct {
	Name, Description string
	Type              apiType // when not an object of properties
	Parts             []string
	Props             []apiProp
}

type apiProp struct {
	Name, Description string
	Required          bool
	Type              apiType
}

// apiType is a schema in one line: component names (linked to the
// schema's entry) or a plain type, with "[]" for an array of them.
type apiType struct {
	Refs   []string
	Join   string // between Refs: " & " (allOf), " | " (oneOf, anyOf)
	Text   string
	Suffix string
}

// schema is the part of a JSON Schema the page reads.
type schema struct {
	Ref         string             `json:"$ref"`
	Type        json.RawMessage    `json:"type"`
	Format      string             `json:"format"`
	Enum        []any              `json:"enum"`
	Items       *schema            `json:"items"`
	AllOf       []*schema          `json:"allOf"`
	OneOf       []*schema          `json:"oneOf"`
	AnyOf       []*schema          `json:"anyOf"`
	Properties  map[string]*schema `json:"properties"`
	Required    []string           `json:"required"`
	Description string             `json:"description"`
}

func refName(ref string) string { return ref[strings.LastIndex(ref, "/")+1:] }

func typeOf(s *schema) apiType {
	switch {
	case s == nil:
		return apiType{Text: "any"}
	case s.Ref != "":
		return apiType{Refs: []string{refName(s.Ref)}}
	case len(s.AllOf) > 0:
		return combination(s.AllOf, " & ")
	case len(s.OneOf) > 0:
		return combination(s.OneOf, " | ")
	case len(s.AnyOf) > 0:
		return combination(s.AnyOf, " | ")
	}
	var types []string
	if json.Unmarshal(s.Type, &types) != nil {
		var one string
		if json.Unmarshal(s.Type, &one) == nil {
			types = []string{one}
		}
	}
	if len(types) == 1 && types[0] == "array" {
		t := typeOf(s.Items)
		t.Suffix += "[]"
		return t
	}
	text := strings.Join(types, " | ")
	if text == "" {
		text = "any"
	}
	if s.Format != "" {
		text += " (" + s.Format + ")"
	}
	if len(s.Enum) > 0 {
		var vals []string
		for _, v := range s.Enum {
			switch v {
			case nil:
				vals = append(vals, "null")
			case "":
				vals = append(vals, `""`)
			default:
				vals = append(vals, fmt.Sprint(v))
			}
		}
		text += ": " + strings.Join(vals, ", ")
	}
	return apiType{Text: text}
}

func combination(parts []*schema, join string) apiType {
	t := apiType{Join: join}
	var inline []string
	for _, p := range parts {
		if p.Ref != "" {
			t.Refs = append(t.Refs, refName(p.Ref))
		} else {
			inline = append(inline, typeOf(p).Text)
		}
	}
	t.Text = strings.Join(inline, join)
	if t.Text != "" && len(t.Refs) > 0 {
		t.Text = join + t.Text
	}
	return t
}

// props lists an object schema's properties, required first.
func props(s *schema) []apiProp {
	req := map[string]bool{}
	for _, r := range s.Required {
		req[r] = true
	}
	var out []apiProp
	for name, p := range s.Properties {
		out = append(out, apiProp{Name: name, Description: p.Description, Required: req[name], Type: typeOf(p)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Required != out[j].Required {
			return out[i].Required
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// parseAPIDoc reads the combined description into the page's terms.
func parseAPIDoc(raw []byte) (*apiDoc, error) {
	type content map[string]struct {
		Schema *schema `json:"schema"`
	}
	type response struct {
		Ref         string  `json:"$ref"`
		Description string  `json:"description"`
		Content     content `json:"content"`
	}
	type param struct {
		Ref         string  `json:"$ref"`
		Name        string  `json:"name"`
		In          string  `json:"in"`
		Description string  `json:"description"`
		Required    bool    `json:"required"`
		Schema      *schema `json:"schema"`
	}
	type operation struct {
		OperationID string   `json:"operationId"`
		Summary     string   `json:"summary"`
		Description string   `json:"description"`
		Tags        []string `json:"tags"`
		Scope       string   `json:"x-client-scope"`
		Security    *[]any   `json:"security"`
		Parameters  []param  `json:"parameters"`
		RequestBody *struct {
			Required bool    `json:"required"`
			Content  content `json:"content"`
		} `json:"requestBody"`
		Responses map[string]response `json:"responses"`
	}
	var d struct {
		Info       struct{ Title, Version, Description string }
		Servers    []struct{ URL string }
		Tags       []struct{ Name, Description string }
		Paths      map[string]map[string]json.RawMessage
		Components struct {
			Schemas         map[string]*schema
			Responses       map[string]response
			Parameters      map[string]param
			SecuritySchemes map[string]struct {
				Type, Scheme, BearerFormat, Description string
			} `json:"securitySchemes"`
		}
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("api description: %w", err)
	}
	doc := &apiDoc{Title: d.Info.Title, Version: d.Info.Version, Description: d.Info.Description}
	if len(d.Servers) > 0 {
		doc.Server = d.Servers[0].URL
	}
	for name, s := range d.Components.SecuritySchemes {
		doc.Schemes = append(doc.Schemes, apiScheme{Name: name, Type: s.Type, Scheme: s.Scheme, Format: s.BearerFormat, Description: s.Description})
	}
	contents := func(c content) []apiContent {
		var out []apiContent
		for mt, v := range c {
			out = append(out, apiContent{MediaType: mt, Type: typeOf(v.Schema)})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].MediaType < out[j].MediaType })
		return out
	}
	byTag := map[string]*apiGroup{}
	var order []string
	group := func(tag, description string) *apiGroup {
		if g, ok := byTag[tag]; ok {
			return g
		}
		byTag[tag] = &apiGroup{Tag: tag, Description: description}
		order = append(order, tag)
		return byTag[tag]
	}
	for _, t := range d.Tags {
		group(t.Name, t.Description)
	}
	for path, item := range d.Paths {
		for method, raw := range item {
			var o operation
			if methodOrder(strings.ToUpper(method)) < 0 || json.Unmarshal(raw, &o) != nil {
				continue // a path-level field (parameters, summary), not an operation
			}
			op := apiOp{Method: strings.ToUpper(method), Path: path, ID: o.OperationID, Summary: o.Summary,
				Description: o.Description, Scope: o.Scope, Public: o.Security != nil && len(*o.Security) == 0}
			for _, p := range o.Parameters {
				if p.Ref != "" {
					p = d.Components.Parameters[refName(p.Ref)]
				}
				op.Params = append(op.Params, apiParam{Name: p.Name, In: p.In, Description: p.Description, Required: p.Required, Type: typeOf(p.Schema)})
			}
			if o.RequestBody != nil {
				op.Body, op.BodyRequired = contents(o.RequestBody.Content), o.RequestBody.Required
			}
			for status, r := range o.Responses {
				if r.Ref != "" {
					r = d.Components.Responses[refName(r.Ref)]
				}
				op.Responses = append(op.Responses, apiResponse{Status: status, Description: r.Description, Content: contents(r.Content)})
			}
			sort.Slice(op.Responses, func(i, j int) bool { return op.Responses[i].Status < op.Responses[j].Status })
			tag := "other"
			if len(o.Tags) > 0 {
				tag = o.Tags[0]
			}
			g := group(tag, "")
			g.Ops = append(g.Ops, op)
		}
	}
	for _, tag := range order {
		doc.Groups = append(doc.Groups, *byTag[tag])
	}
	for i := range doc.Groups {
		ops := doc.Groups[i].Ops
		sort.Slice(ops, func(a, b int) bool {
			if ops[a].Path != ops[b].Path {
				return ops[a].Path < ops[b].Path
			}
			return methodOrder(ops[a].Method) < methodOrder(ops[b].Method)
		})
	}
	for name, s := range d.Components.Schemas {
		entry := apiSchema{Name: name, Description: s.Description}
		object := len(s.Properties) > 0 || len(s.AllOf) > 0
		for _, part := range s.AllOf {
			if part.Ref != "" {
				entry.Parts = append(entry.Parts, refName(part.Ref))
			} else {
				entry.Props = append(entry.Props, props(part)...)
			}
		}
		entry.Props = append(entry.Props, props(s)...)
		if !object {
			entry.Type = typeOf(s)
		}
		doc.Schemas = append(doc.Schemas, entry)
	}
	sort.Slice(doc.Schemas, func(i, j int) bool { return doc.Schemas[i].Name < doc.Schemas[j].Name })
	return doc, nil
}

// methodOrder sorts an operation's methods as people read them; -1 for
// what is not a method.
func methodOrder(m string) int {
	for i, x := range []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"} {
		if m == x {
			return i
		}
	}
	return -1
}

// codeSpans is text with its `backquoted` spans as code, the one piece of
// Markdown the services' descriptions use; everything else is escaped.
func codeSpans(text string) template.HTML {
	var b strings.Builder
	for i, part := range strings.Split(text, "`") {
		if i%2 == 1 {
			b.WriteString("<code>" + template.HTMLEscapeString(part) + "</code>")
		} else {
			b.WriteString(template.HTMLEscapeString(part))
		}
	}
	return template.HTML(b.String())
}

// apiPage is /api.
func (s *Server) apiPage(w http.ResponseWriter, r *http.Request) {
	v := view{Title: "Tài liệu API", Nav: "api", Data: s.api}
	if sess, _ := s.current(r); sess != nil { // unknown or unreachable: the page is public anyway
		v.User, v.CSRF = sess.User, sess.CSRF
	}
	s.pages.renderStatus(w, http.StatusOK, "api", v)
}

// apiJSON is /api/openapi.json: the description the page renders.
func (s *Server) apiJSON(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(s.apiRaw)
}
