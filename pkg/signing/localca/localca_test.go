package localca_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/signing"
	"github.com/eoffice-vn/eoffice/pkg/signing/localca"
)

var who = signing.Identity{Kind: signing.KindPerson, ID: "u-1", Name: "Trần Văn Bình", Agency: "UBND tỉnh Khánh Hòa"}

const helperEnv = "EOFFICE_LOCALCA_HELPER_DIR"

// TestHelperProcess is not a test: run as a subprocess by
// TestTwoProcessesCreateOneCA, it opens the CA and prints the root and
// the signer's certificate.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv(helperEnv)
	if dir == "" {
		t.Skip("helper for TestTwoProcessesCreateOneCA")
	}
	ca, err := localca.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	k, err := ca.Key(context.Background(), who)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("ROOT " + ca.Root().SerialNumber.String() + " LEAF " + k.Certificate().SerialNumber.String() + "\n")
}

func TestTwoProcessesCreateOneCA(t *testing.T) {
	dir := t.TempDir()
	outs := make([]bytes.Buffer, 2)
	var wg sync.WaitGroup
	for i := range outs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), helperEnv+"="+dir)
		cmd.Stdout, cmd.Stderr = &outs[i], &outs[i]
		wg.Go(func() {
			if err := cmd.Run(); err != nil {
				t.Errorf("helper %d: %v\n%s", i, err, outs[i].String())
			}
		})
	}
	wg.Wait()
	lines := make([]string, 2)
	for i := range outs {
		for _, l := range strings.Split(outs[i].String(), "\n") {
			if strings.HasPrefix(l, "ROOT ") {
				lines[i] = l
			}
		}
	}
	if lines[0] == "" || lines[0] != lines[1] {
		t.Fatalf("two processes saw different CAs or certificates: %q vs %q", lines[0], lines[1])
	}
	assertOneEach(t, dir)
}

func TestConcurrentOpenAndIssue(t *testing.T) {
	dir := t.TempDir()
	const n = 8
	roots := make([]string, n)
	leaves := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			// Separate instances, like separate processes: only the files
			// are shared.
			ca, err := localca.Open(dir)
			if err != nil {
				t.Error(err)
				return
			}
			k, err := ca.Key(context.Background(), who)
			if err != nil {
				t.Error(err)
				return
			}
			roots[i], leaves[i] = string(ca.Root().Raw), string(k.Certificate().Raw)
		})
	}
	wg.Wait()
	for i := 1; i < n; i++ {
		if roots[i] != roots[0] || leaves[i] != leaves[0] {
			t.Fatalf("instance %d ended with another root or certificate", i)
		}
	}
	assertOneEach(t, dir)
}

// assertOneEach checks the folder holds one root, one signer file, no
// leftovers, all readable by the owner only.
func assertOneEach(t *testing.T, dir string) {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files = append(files, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", path, info.Mode().Perm())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 {
		t.Errorf("files %v, want the root and one signer", files)
	}
}

func TestCertificates(t *testing.T) {
	dir := t.TempDir()
	ca, err := localca.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	seal := signing.Identity{Kind: signing.KindAgency, ID: "u-1", Name: "UBND tỉnh Khánh Hòa"}
	odd := signing.Identity{Kind: signing.KindPerson, ID: "../../etc/passwd", Name: "X"}
	cases := []struct {
		who    signing.Identity
		org    string
		serial string
	}{
		{who, who.Agency, "person:u-1"},
		{seal, seal.Name, "agency:u-1"},
		{odd, "", "person:../../etc/passwd"},
	}
	for _, tc := range cases {
		t.Run(tc.serial, func(t *testing.T) {
			k, err := ca.Key(context.Background(), tc.who)
			if err != nil {
				t.Fatal(err)
			}
			c := k.Certificate()
			if c.Subject.CommonName != tc.who.Name || c.Subject.SerialNumber != tc.serial {
				t.Errorf("subject %v", c.Subject)
			}
			if tc.org != "" && (len(c.Subject.Organization) != 1 || c.Subject.Organization[0] != tc.org) {
				t.Errorf("organisation %v, want %q", c.Subject.Organization, tc.org)
			}
			if !strings.Contains(c.Subject.String(), "not legally valid") || !strings.Contains(ca.Root().Subject.CommonName, "không có giá trị pháp lý") {
				t.Errorf("certificate %q or root %q not marked as not legally valid", c.Subject, ca.Root().Subject)
			}
			if _, err := c.Verify(x509Opts(ca)); err != nil {
				t.Errorf("does not chain to the root: %v", err)
			}
		})
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "signers"))
	for _, e := range entries {
		if strings.Contains(e.Name(), "..") || strings.Contains(e.Name(), "passwd") {
			t.Errorf("id leaked into a file name: %s", e.Name())
		}
	}

	// A renamed signer gets a new certificate, also after a restart.
	renamed := who
	renamed.Name = "Trần Văn Bình (đã đổi tên)"
	k, err := ca.Key(context.Background(), renamed)
	if err != nil || k.Certificate().Subject.CommonName != renamed.Name {
		t.Fatalf("renamed: %v, %v", k.Chain, err)
	}
	again, err := localca.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := again.Key(context.Background(), renamed)
	if err != nil || !k2.Certificate().Equal(k.Certificate()) {
		t.Errorf("reopened CA issued another certificate instead of the cached one: %v", err)
	}
}

func x509Opts(ca *localca.CA) x509.VerifyOptions {
	return x509.VerifyOptions{Roots: ca.Roots(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}
}
