// Package secretboxtest makes keys and boxes for tests.
package secretboxtest

import (
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/secretbox"
)

// Key is a new random key.
func Key(t testing.TB) []byte {
	t.Helper()
	s, err := secretbox.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := secretbox.ParseKey(s)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// Box seals with cur and opens with cur and old.
func Box(t testing.TB, cur []byte, old ...[]byte) *secretbox.Box {
	t.Helper()
	b, err := secretbox.New(cur, old...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
