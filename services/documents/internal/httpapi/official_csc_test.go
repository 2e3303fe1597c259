package httpapi_test

import (
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/envconf/envconftest"
	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/pkg/signing/csctest"
	"github.com/eoffice-vn/eoffice/pkg/signing/localca"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/config"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// TestIssueSignedByCSC: with EOFFICE_SIGNING_KEYSTORE=csc, the service
// signs issued documents through a Cloud Signature Consortium v2 service
// (the suite's test server), the signer and the agency each with the
// credential the configuration maps them to.
func TestIssueSignedByCSC(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		ca, err := localca.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		leader, agency := testenv.People["ubnd.ld"], testenv.Units["UBND"]
		srv := csctest.New(ca, map[string]signing.Identity{
			"cred-leader": {Kind: signing.KindPerson, ID: leader.Subject, Name: leader.Name, Agency: agency.Name},
			"cred-ubnd":   {Kind: signing.KindAgency, ID: agency.ID, Name: agency.Name},
		})
		t.Cleanup(srv.Close)
		envconftest.Only(t, map[string]string{
			"EOFFICE_SIGNING_KEYSTORE":          "csc",
			"EOFFICE_SIGNING_CSC_URL":           srv.URL,
			"EOFFICE_SIGNING_CSC_CLIENT_ID":     srv.ClientID,
			"EOFFICE_SIGNING_CSC_CLIENT_SECRET": srv.ClientSecret,
			"EOFFICE_SIGNING_CSC_CREDENTIALS":   "person:" + leader.Subject + "=cred-leader,agency:" + agency.ID + "=cred-ubnd",
		})
		cfg, err := config.Load()
		if err != nil {
			t.Fatal(err)
		}
		keys, roots, err := cfg.Signing.Open()
		if err != nil {
			t.Fatal(err)
		}
		roots.AddCert(ca.Root()) // the provider's CA, as EOFFICE_SIGNING_ROOTS would name it
		e := testenv.New(t, db, testenv.WithSigning(app.Signing{Signer: &signing.Signer{Keys: keys}, Roots: roots}))
		c := client{t, e}
		var d document
		c.must(201, "POST", "/v1/documents", "ubnd.cv", validBody(), &d)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/submit", "ubnd.cv", nil, nil)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/approve", "ubnd.ld", nil, nil)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/issue", "ubnd.vt", nil, nil)
		var got signatures
		c.must(200, "GET", "/v1/documents/"+d.ID+"/signatures", "ubnd.cv", nil, &got)
		if len(got.Items) != 2 || got.Items[0].Kind != "person" || got.Items[1].Kind != "agency" {
			t.Fatalf("signatures: %+v", got.Items)
		}
		for _, s := range got.Items {
			if !s.Valid || !s.CoversWholeDocument || !s.Trusted {
				t.Errorf("%+v", s)
			}
		}
		if n := srv.SignCalls(); n != 2 {
			t.Errorf("%d remote signatures, want 2", n)
		}
	})
}
