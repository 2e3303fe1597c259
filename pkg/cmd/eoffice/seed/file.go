// Package seed loads units and users from a JSON file (shaped like
// shared/scenarios/*.json) into identity through its public API, as an
// administrator. Keys in the file are local references resolved to server
// ids; a unit is matched by (parent, short_name) among active units and a
// user by username, so a second run changes nothing.
package seed

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
)

// File is the part of a scenario file the seed reads; other keys (the
// documents of a scenario) are ignored.
type File struct {
	Units []Unit `json:"units"`
	Users []User `json:"users"`
}

// Unit is a unit of the file; Key and Parent are local references.
type Unit struct {
	Key       string `json:"key"`
	Parent    string `json:"parent"`
	Kind      string `json:"kind"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	// An agency's facts (identity's names); left out, they are derived
	// (see derivedFacts).
	PlaceName      string `json:"place_name"`
	Regime         string `json:"regime"`
	HeadTitle      string `json:"head_title"`
	CollectiveName string `json:"collective_name"`
}

// User is a user of the file; Unit is a unit key.
type User struct {
	Username string   `json:"username"`
	FullName string   `json:"full_name"`
	Email    string   `json:"email"`
	Unit     string   `json:"unit"`
	Roles    []string `json:"roles"`
	Title    string   `json:"title"`
	// Position is identity's (head, deputy, …); left out, a leader's is
	// read from their title (see positionOf).
	Position string `json:"position"`
	Password string `json:"password"`
}

// Load reads and checks path.
func Load(path string) (File, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return File{}, err
	}
	var f File
	if err := json.Unmarshal(raw, &f); err != nil {
		return File{}, fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Check(); err != nil {
		return File{}, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// Check finds what the server cannot: duplicate or missing keys, parents
// that are not in the file, cycles, users without a username. Everything
// else (names, roles, passwords) the server validates.
func (f File) Check() error {
	var errs []error
	keys := map[string]Unit{}
	for i, u := range f.Units {
		switch {
		case u.Key == "":
			errs = append(errs, fmt.Errorf("units[%d]: key is required", i))
		case keys[u.Key].Key != "":
			errs = append(errs, fmt.Errorf("units[%d]: key %q is used twice", i, u.Key))
		default:
			keys[u.Key] = u
		}
	}
	for _, u := range f.Units {
		if u.Parent != "" && keys[u.Parent].Key == "" {
			errs = append(errs, fmt.Errorf("unit %q: parent %q is not in the file", u.Key, u.Parent))
		}
	}
	if len(errs) == 0 {
		if _, err := f.ordered(); err != nil {
			errs = append(errs, err)
		}
	}
	names := map[string]bool{}
	for i, u := range f.Users {
		switch {
		case u.Username == "":
			errs = append(errs, fmt.Errorf("users[%d]: username is required", i))
		case names[u.Username]:
			errs = append(errs, fmt.Errorf("user %q appears twice", u.Username))
		}
		names[u.Username] = true
		if u.Unit != "" && keys[u.Unit].Key == "" {
			errs = append(errs, fmt.Errorf("user %q: unit %q is not in the file", u.Username, u.Unit))
		}
	}
	return errors.Join(errs...)
}

// ordered returns the units parents first.
func (f File) ordered() ([]Unit, error) {
	byKey := map[string]Unit{}
	for _, u := range f.Units {
		byKey[u.Key] = u
	}
	const (
		visiting = 1
		done     = 2
	)
	state := map[string]int{}
	var out []Unit
	var visit func(k string) error
	visit = func(k string) error {
		switch state[k] {
		case done:
			return nil
		case visiting:
			return fmt.Errorf("unit %q is its own ancestor", k)
		}
		state[k] = visiting
		if p := byKey[k].Parent; p != "" {
			if err := visit(p); err != nil {
				return err
			}
		}
		state[k] = done
		out = append(out, byKey[k])
		return nil
	}
	for _, u := range f.Units {
		if err := visit(u.Key); err != nil {
			return nil, err
		}
	}
	return out, nil
}
