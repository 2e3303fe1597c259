package openapicheck

import (
	"strings"
	"testing"
	"time"
)

const spec = `{"components":{"schemas":{
 "Task":{"type":"object","properties":{"id":{"type":"string"},"due":{"type":"string","format":"date-time"},
   "reports":{"type":"array","items":{"$ref":"#/components/schemas/Report"}}}},
 "Detail":{"allOf":[{"$ref":"#/components/schemas/Task"},{"type":"object","properties":{"note":{"type":"string"}}}]},
 "Report":{"type":"object","properties":{"percent":{"type":["integer","null"]}}}
}}}`

type report struct {
	Percent int `json:"percent"`
}

type task struct {
	ID      string    `json:"id"`
	Due     time.Time `json:"due"`
	Reports []report  `json:"reports"`
	Secret  string    `json:"-"`
}

func TestDiff(t *testing.T) {
	type detail struct {
		task
		Note string `json:"note"`
	}
	type taskMissing struct {
		ID      string   `json:"id"`
		Reports []report `json:"reports"`
	}
	type taskExtra struct {
		task
		Cancelled *time.Time `json:"cancelled_at,omitempty"`
	}
	type badReport struct {
		Percent string `json:"percent"`
	}
	type taskBadItem struct {
		ID      string      `json:"id"`
		Due     time.Time   `json:"due"`
		Reports []badReport `json:"reports"`
	}
	tests := []struct {
		name  string
		types map[string]any
		want  []string // each must appear in one problem; none means no problem
	}{
		{"agree, embedded and allOf flattened", map[string]any{"Task": task{}, "Detail": detail{}, "Report": report{}}, nil},
		{"property without a field", map[string]any{"Task": taskMissing{}, "Detail": detail{}, "Report": report{}}, []string{"Task.due: declared in openapi.json"}},
		{"field without a property", map[string]any{"Task": taskExtra{}, "Detail": detail{}, "Report": report{}}, []string{"Task.cancelled_at: a field of"}},
		{"type differs in an array's items", map[string]any{"Task": taskBadItem{}, "Detail": detail{}, "Report": report{}}, []string{"Task.reports[].percent: openapi.json says integer"}},
		{"no schema", map[string]any{"Gone": task{}, "Task": task{}, "Detail": detail{}, "Report": report{}}, []string{"Gone: a Go type with no schema"}},
		{"a schema with no type", map[string]any{"Task": task{}, "Report": report{}}, []string{"Detail: an object schema with no Go type"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Diff([]byte(spec), tt.types)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %q, want %d problem(s) %q", got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %q does not say %q", got[i], w)
				}
			}
		})
	}
}
