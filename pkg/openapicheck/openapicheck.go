// Package openapicheck holds a service's openapi.json to the Go types of
// its public API package, field by field, so that neither can gain or lose
// a field, or change a field's JSON type, without the other. Each
// service's API package runs it from a test with the map of its schemas.
package openapicheck

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
)

// Diff lists every disagreement between spec's components.schemas and
// types (schema name → a value of the Go type that is its wire form): a
// schema or type missing on one side (an object schema with no type would
// escape the check), a property without a field or a field without a
// property, or a JSON type that differs. Nested objects and array items
// are compared too, when both sides declare them.
func Diff(spec []byte, types map[string]any) ([]string, error) {
	var doc struct {
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(spec, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	c := &checker{schemas: map[string]*schema{}}
	for name, raw := range doc.Components.Schemas {
		var s schema
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
		c.schemas[name] = &s
	}
	var schemaNames []string
	for name := range c.schemas {
		schemaNames = append(schemaNames, name)
	}
	sort.Strings(schemaNames)
	for _, name := range schemaNames {
		s := c.schemas[name]
		object := s.Type == "object" || len(s.Properties) > 0 || len(s.AllOf) > 0
		if _, ok := types[name]; object && !ok {
			c.errorf("%s: an object schema with no Go type to check it against", name)
		}
	}
	names := make([]string, 0, len(types))
	for name := range types {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s, ok := c.schemas[name]
		if !ok {
			c.errorf("%s: a Go type with no schema in openapi.json", name)
			continue
		}
		c.compare(name, s, reflect.TypeOf(types[name]), map[string]bool{})
	}
	return c.problems, nil
}

type schema struct {
	Ref                  string             `json:"$ref"`
	Type                 schemaType         `json:"type"`
	Properties           map[string]*schema `json:"properties"`
	Items                *schema            `json:"items"`
	AllOf                []*schema          `json:"allOf"`
	AdditionalProperties json.RawMessage    `json:"additionalProperties"`
}

type checker struct {
	schemas  map[string]*schema
	problems []string
}

func (c *checker) errorf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// schemaType is a schema's type: OpenAPI 3.1 writes a nullable one as a
// list (["string", "null"]); the check compares the type besides null.
type schemaType string

func (t *schemaType) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*t = schemaType(one)
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*t = ""
	for _, s := range many {
		if s != "null" {
			*t = schemaType(s)
		}
	}
	return nil
}

// resolve follows $ref and merges allOf into one object schema.
func (c *checker) resolve(s *schema) *schema {
	for s != nil && s.Ref != "" {
		s = c.schemas[strings.TrimPrefix(s.Ref, "#/components/schemas/")]
	}
	if s == nil || len(s.AllOf) == 0 {
		return s
	}
	out := &schema{Type: "object", Properties: map[string]*schema{}}
	for _, part := range s.AllOf {
		p := c.resolve(part)
		if p == nil {
			continue
		}
		for k, v := range p.Properties {
			out.Properties[k] = v
		}
	}
	for k, v := range s.Properties {
		out.Properties[k] = v
	}
	return out
}

var timeType = reflect.TypeOf(time.Time{})
var rawType = reflect.TypeOf(json.RawMessage{})

// jsonType is the JSON type a Go type encodes to ("" when any will do).
func jsonType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == timeType:
		return "string"
	case t == rawType || t.Kind() == reflect.Interface:
		return ""
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Map, reflect.Struct:
		return "object"
	}
	return ""
}

func (c *checker) compare(at string, s *schema, t reflect.Type, seen map[string]bool) {
	s = c.resolve(s)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if s == nil {
		return
	}
	want := jsonType(t)
	if s.Type != "" && want != "" && string(s.Type) != want && !(s.Type == "number" && want == "integer") {
		c.errorf("%s: openapi.json says %s, the Go type %s encodes %s", at, s.Type, t, want)
		return
	}
	switch {
	case want == "array" && s.Items != nil:
		c.compare(at+"[]", s.Items, t.Elem(), seen)
	case t.Kind() == reflect.Struct && t != timeType && len(s.Properties) > 0:
		key := t.String() + "@" + at
		if seen[key] {
			return
		}
		seen[key] = true
		fields := map[string]reflect.Type{}
		collect(t, fields)
		for name, ft := range fields {
			p, ok := s.Properties[name]
			if !ok {
				c.errorf("%s.%s: a field of %s that openapi.json does not declare", at, name, t)
				continue
			}
			c.compare(at+"."+name, p, ft, seen)
		}
		for name := range s.Properties {
			if _, ok := fields[name]; !ok {
				c.errorf("%s.%s: declared in openapi.json but %s has no such field", at, name, t)
			}
		}
	}
}

// collect gathers a struct's JSON fields as encoding/json sees them,
// embedded structs flattened.
func collect(t reflect.Type, into map[string]reflect.Type) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" {
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				collect(ft, into)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		into[name] = f.Type
	}
}
