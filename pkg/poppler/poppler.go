// Package poppler lets tests read PDFs with poppler's tools (pdftotext,
// pdftoppm, pdfsig…), which nobody here wrote, as a user's software would.
// A test is skipped without them unless the environment demands them
// (CI sets EOFFICE_REQUIRE_POPPLER=1).
package poppler

import (
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// EnvRequire makes a missing tool a failure rather than a skip.
const EnvRequire = "EOFFICE_REQUIRE_POPPLER"

// Tool returns the path of a poppler tool, skipping (or failing) t without it.
func Tool(t testing.TB, name string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv(EnvRequire) == "1" {
			t.Fatalf("%s is required (%s=1): %v", name, EnvRequire, err)
		}
		t.Skipf("%s (poppler-utils) not installed: %v", name, err)
	}
	return bin
}

// PageSize renders the first page of the PDF at path with pdftoppm (at 30
// dpi) and returns the image's width and height in pixels.
func PageSize(t testing.TB, path string) (int, int) {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command(Tool(t, "pdftoppm"), "-png", "-r", "30", "-f", "1", "-l", "1", "-singlefile", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "p.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Width, cfg.Height
}
