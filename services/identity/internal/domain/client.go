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
}

// Normalize trims the name and dedupes and sorts the scopes, refusing
// unknown ones.
func (in ClientInput) Normalize() (ClientInput, error) {
	in.Name = strings.TrimSpace(in.Name)
	var v apperr.Validator
	v.Check(in.Name != "", "name", "is required")
	v.Check(utf8.RuneCountInString(in.Name) <= maxNameLen, "name", "must be at most 255 characters")
	var scopes []string
	for _, s := range in.Scopes {
		if !slices.Contains(Scopes, s) {
			v.Add("scopes", "unknown scope "+quote(s)+"; scopes are "+strings.Join(Scopes, ", "))
			break
		}
		if !slices.Contains(scopes, s) {
			scopes = append(scopes, s)
		}
	}
	v.Check(len(in.Scopes) > 0, "scopes", "at least one scope is required")
	slices.Sort(scopes)
	in.Scopes = scopes
	return in, v.Err()
}
