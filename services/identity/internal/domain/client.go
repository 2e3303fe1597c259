package domain

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
)

// Scopes an integration client may be granted. The list is fixed: each is
// checked by the service that owns the data.
var Scopes = auth.Scopes

// ClientInput is what an administrator gives to register a client.
type ClientInput struct {
	Name   string
	Scopes []string
	// AgencyID limits the client to one agency's data and events; empty:
	// every agency's.
	AgencyID string
}

// Normalize trims the name and dedupes and sorts the scopes, refusing
// unknown ones.
func (in ClientInput) Normalize() (ClientInput, error) {
	in.Name = strings.TrimSpace(in.Name)
	in.AgencyID = strings.TrimSpace(in.AgencyID)
	var v apperr.Validator
	checkClientName(&v, in.Name)
	in.Scopes = normalizeScopes(&v, in.Scopes)
	return in, v.Err()
}

// ClientPatch changes a client; absent fields stay.
type ClientPatch struct {
	Name   *string
	Scopes *[]string
}

// Normalize checks the fields given, as ClientInput.Normalize does.
func (p ClientPatch) Normalize() (ClientPatch, error) {
	var v apperr.Validator
	if p.Name != nil {
		name := strings.TrimSpace(*p.Name)
		checkClientName(&v, name)
		p.Name = &name
	}
	if p.Scopes != nil {
		scopes := normalizeScopes(&v, *p.Scopes)
		p.Scopes = &scopes
	}
	v.Check(p.Name != nil || p.Scopes != nil, "body", "names nothing to change (name, scopes)")
	return p, v.Err()
}

func checkClientName(v *apperr.Validator, name string) {
	v.Check(name != "", "name", "is required")
	v.Check(utf8.RuneCountInString(name) <= maxNameLen, "name", "must be at most 255 characters")
}

// normalizeScopes dedupes and sorts scopes, naming the first unknown one.
func normalizeScopes(v *apperr.Validator, in []string) []string {
	var scopes []string
	for _, s := range in {
		if !slices.Contains(Scopes, s) {
			v.Add("scopes", "unknown scope "+quote(s)+"; scopes are "+strings.Join(Scopes, ", "))
			break
		}
		if !slices.Contains(scopes, s) {
			scopes = append(scopes, s)
		}
	}
	v.Check(len(in) > 0, "scopes", "at least one scope is required")
	slices.Sort(scopes)
	return scopes
}
