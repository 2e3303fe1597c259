// Package scantest starts a real clamd for tests, with a signature
// database made on the spot: the EICAR test file's MD5 (signature updates
// cannot be downloaded in tests). Without clamd installed the test is
// skipped, unless EOFFICE_REQUIRE_CLAMD=1 (CI installs Debian's
// clamav-daemon).
package scantest

import (
	"bytes"
	"context"
	"crypto/md5"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/filecheck/filechecktest"
	"github.com/eoffice-vn/eoffice/pkg/scan"
)

// Signature is the name the database gives the EICAR file.
const Signature = "Eicar-Test-Signature"

func binary() string {
	if p, err := exec.LookPath("clamd"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/clamd"); err == nil {
		return "/usr/sbin/clamd"
	}
	return ""
}

// Clamd starts clamd on a unix socket in a fresh folder and returns its
// address (unix:/…/clamd.sock); the process is stopped when the test ends.
func Clamd(t testing.TB) string {
	t.Helper()
	bin := binary()
	if bin == "" {
		if os.Getenv("EOFFICE_REQUIRE_CLAMD") == "1" {
			t.Fatal("clamd is not installed (apt-get install clamav-daemon) and EOFFICE_REQUIRE_CLAMD=1")
		}
		t.Skip("clamd is not installed (apt-get install clamav-daemon)")
	}
	// A short folder: a unix socket's path is limited to about 100 bytes.
	dir, err := os.MkdirTemp("", "clamd")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	db := filepath.Join(dir, "db")
	if err := os.Mkdir(db, 0o755); err != nil {
		t.Fatal(err)
	}
	// A .hdb line is md5:size:name of a whole file.
	sum := md5.Sum([]byte(filechecktest.EICAR))
	hdb := fmt.Sprintf("%x:%d:%s\n", sum, len(filechecktest.EICAR), Signature)
	if err := os.WriteFile(filepath.Join(db, "test.hdb"), []byte(hdb), 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "clamd.sock")
	conf := filepath.Join(dir, "clamd.conf")
	err = os.WriteFile(conf, []byte(fmt.Sprintf(`Foreground yes
LocalSocket %s
DatabaseDirectory %s
TemporaryDirectory %s
LogFile %s
StreamMaxLength 30M
MaxThreads 2
Bytecode no
`, sock, db, dir, filepath.Join(dir, "clamd.log"))), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, "--config-file="+conf)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})
	addr := "unix:" + sock
	c, err := scan.ParseClamd(addr)
	if err != nil {
		t.Fatal(err)
	}
	// Wait until it answers PING (it loads the database first), or exits.
	ready := time.NewTimer(2 * time.Minute)
	defer ready.Stop()
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := c.Ping(ctx)
		cancel()
		if err == nil {
			return addr
		}
		select {
		case werr := <-exited:
			exited <- werr
			t.Fatalf("clamd exited (%v): %s", werr, out.String())
		case <-ready.C:
			t.Fatalf("clamd did not answer: %v; %s", err, out.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
}
