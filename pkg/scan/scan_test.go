package scan_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/filecheck/filechecktest"
	"github.com/eoffice-vn/eoffice/pkg/scan"
	"github.com/eoffice-vn/eoffice/pkg/scan/scantest"
)

// TestNew: no address is no scanner; addresses are tcp://host:port or
// unix:/path, anything else is refused at start.
func TestNew(t *testing.T) {
	tests := []struct {
		addr, network, address string
		ok                     bool
	}{
		{"", "", "", true},
		{"tcp://127.0.0.1:3310", "tcp", "127.0.0.1:3310", true},
		{"tcp://clamav:3310", "tcp", "clamav:3310", true},
		{"unix:/run/clamav/clamd.ctl", "unix", "/run/clamav/clamd.ctl", true},
		{"unix:///run/clamav/clamd.ctl", "unix", "/run/clamav/clamd.ctl", true},
		{"tcp://127.0.0.1", "", "", false},
		{"unix:clamd.ctl", "", "", false},
		{"127.0.0.1:3310", "", "", false},
		{"http://clamav:3310", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			s, err := scan.New(tt.addr)
			if (err == nil) != tt.ok {
				t.Fatalf("err %v", err)
			}
			switch c := s.(type) {
			case scan.None:
				if tt.addr != "" {
					t.Fatal("no scanner for an address")
				}
			case *scan.Clamd:
				if c.Network != tt.network || c.Address != tt.address {
					t.Fatalf("%+v", c)
				}
			}
		})
	}
}

// TestClamdUnreachable: a configured scanner that does not answer gives no
// verdict, an error, never "clean".
func TestClamdUnreachable(t *testing.T) {
	s, _ := scan.New("unix:" + filepath.Join(t.TempDir(), "none.sock"))
	v, err := s.Scan(context.Background(), strings.NewReader("x"))
	if !errors.Is(err, scan.ErrScanner) || v.Infected {
		t.Fatalf("%+v %v", v, err)
	}
}

// TestClamd: the real clamd finds the EICAR file, alone or inside a zip,
// and passes clean files.
func TestClamd(t *testing.T) {
	s, err := scan.New(scantest.Clamd(t))
	if err != nil {
		t.Fatal(err)
	}
	big := append(bytes.Repeat([]byte("Phụ lục "), 20000), filechecktest.PDF()...)
	tests := []struct {
		name     string
		content  io.Reader
		infected bool
	}{
		{"eicar", strings.NewReader(filechecktest.EICAR), true},
		{"eicar inside a zip", bytes.NewReader(filechecktest.Zip([2]string{"a.txt", filechecktest.EICAR})), true},
		{"clean pdf", bytes.NewReader(filechecktest.PDF()), false},
		{"clean, several chunks", bytes.NewReader(big), false},
		{"clean docx", bytes.NewReader(filechecktest.DOCX()), false},
		{"empty", bytes.NewReader(nil), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := s.Scan(context.Background(), tt.content)
			if err != nil {
				t.Fatal(err)
			}
			// ClamAV marks signatures of a local database ".UNOFFICIAL".
			if v.Infected != tt.infected || (tt.infected && strings.TrimSuffix(v.Signature, ".UNOFFICIAL") != scantest.Signature) {
				t.Fatalf("verdict %+v", v)
			}
		})
	}
}
