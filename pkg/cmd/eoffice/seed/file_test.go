package seed

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		f    File
		want string // part of the error; "" for none
	}{
		{"fine", File{Units: []Unit{{Key: "a", ShortName: "A"}, {Key: "b", Parent: "a"}}, Users: []User{{Username: "x", Unit: "b"}}}, ""},
		{"missing key", File{Units: []Unit{{ShortName: "A"}}}, "key is required"},
		{"duplicate key", File{Units: []Unit{{Key: "a"}, {Key: "a"}}}, "used twice"},
		{"unknown parent", File{Units: []Unit{{Key: "a", Parent: "z"}}}, `parent "z"`},
		{"cycle", File{Units: []Unit{{Key: "a", Parent: "b"}, {Key: "b", Parent: "a"}}}, "own ancestor"},
		{"user without username", File{Users: []User{{Unit: ""}}}, "username is required"},
		{"user twice", File{Users: []User{{Username: "x"}, {Username: "x"}}}, "appears twice"},
		{"user in unknown unit", File{Users: []User{{Username: "x", Unit: "nope"}}}, `unit "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.f.Check()
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestOrderedPutsParentsFirst(t *testing.T) {
	f := File{Units: []Unit{{Key: "c", Parent: "b"}, {Key: "b", Parent: "a"}, {Key: "a"}, {Key: "d", Parent: "a"}}}
	units, err := f.ordered()
	if err != nil {
		t.Fatal(err)
	}
	pos := map[string]int{}
	for i, u := range units {
		pos[u.Key] = i
	}
	if len(units) != 4 || pos["a"] > pos["b"] || pos["b"] > pos["c"] || pos["a"] > pos["d"] {
		t.Fatalf("order = %v", units)
	}
}

func TestLoadScenario(t *testing.T) {
	f, err := Load("../../../../../shared/scenarios/papi-khanhhoa-2022.json")
	if err != nil {
		t.Skipf("scenario file not readable here: %v", err)
	}
	if len(f.Units) == 0 || len(f.Users) == 0 {
		t.Fatalf("scenario: %d units, %d users", len(f.Units), len(f.Users))
	}
}
