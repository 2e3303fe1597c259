package domain

import (
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/wording"
)

// The kinds' names are written in two places (the notation rules here, the
// readers' words in pkg/wording); they must agree.
func TestKindNamesMatchWording(t *testing.T) {
	for _, k := range Kinds() {
		if got := wording.KindName(string(k.Kind)); got != k.Name {
			t.Errorf("kind %s: wording says %q, the table %q", k.Kind, got, k.Name)
		}
	}
}
