package testenv

import (
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/pkg/signing/localca"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
)

// LocalSigning is the embedded trial CA in a temporary folder, as the
// service's default key store, with its root trusted.
func LocalSigning(t testing.TB) (app.Signing, *localca.CA) {
	t.Helper()
	ca, err := localca.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return app.Signing{Signer: &signing.Signer{Keys: ca}, Roots: ca.Roots()}, ca
}
