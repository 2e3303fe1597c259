package httpapi_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// historyOf is a task's history as the API serves it, an entry a line:
// the action and what it was about (the fields every entry has left out),
// "action key=value …" with the keys sorted.
func historyOf(t *testing.T, e *env, id, caller string) []string {
	t.Helper()
	var d struct {
		History []map[string]any `json:"history"`
	}
	if status, _ := e.get(t, "/v1/tasks/"+id, caller, &d); status != 200 {
		t.Fatalf("GET task %s: %d", id, status)
	}
	var out []string
	for _, h := range d.History {
		line := []string{fmt.Sprint(h["action"])}
		var keys []string
		for k := range h {
			switch k {
			case "seq", "action", "at", "actor_user_id", "actor_unit_id", "from_status", "to_status":
			default:
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			line = append(line, k+"="+fmt.Sprint(h[k]))
		}
		out = append(out, strings.Join(line, " "))
	}
	return out
}

// wantHistory fails t unless task id's history reads want.
func wantHistory(t *testing.T, e *env, id, caller string, want ...string) {
	t.Helper()
	if got := historyOf(t, e, id, caller); !slices.Equal(got, want) {
		t.Errorf("history of %s:\n%s\nwant:\n%s", id, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
