package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRegistersAndStatistics: a register prints as a table or is saved as
// the file the service serves; the statistics print their counts, share
// and handling times.
func TestRegistersAndStatistics(t *testing.T) {
	e := newEnv(t)
	e.login()
	code, out, stderr := e.run("", "registers", "incoming", "--year", "2026")
	if code != 0 || !strings.Contains(out, "125") || !strings.Contains(out, "07/CT-BNV") || !strings.Contains(out, "05/03/2026") ||
		!strings.Contains(out, "Bộ Nội vụ") || !strings.Contains(out, "SỐ ĐẾN") {
		t.Fatalf("register table: %d\n%s\n%s", code, out, stderr)
	}
	file := filepath.Join(t.TempDir(), "so.xlsx")
	if code, _, stderr := e.run("", "registers", "incoming", "--year", "2026", "--format", "xlsx", "-o", file); code != 0 {
		t.Fatalf("register file: %d %s", code, stderr)
	}
	got, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(got), "format=xlsx") || !strings.Contains(string(got), "year=2026") {
		t.Fatalf("saved %q, %v", got, err)
	}
	if code, _, _ := e.run("", "registers", "incoming", "--format", "pdf"); code != 2 {
		t.Fatalf("a file without -o: exit %d, want 2", code)
	}
	if code, _, _ := e.run("", "registers", "sideways"); code != 2 {
		t.Fatalf("an unknown register: exit %d, want 2", code)
	}
	code, out, stderr = e.run("", "stats", "--from", "2026-01-01", "--to", "2026-03-31")
	for _, want := range []string{"Tổng số", "12", "Qua trục liên thông", "78.9%", "Toàn cơ quan", "Lê Văn Cường", "1.25"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("stats lacks %q: %d\n%s\n%s", want, code, out, stderr)
		}
	}
	code, out, stderr = e.run("", "stats", "tasks", "--from", "2026-01-01", "--to", "2026-03-31", "--group", "person", "--open")
	for _, want := range []string{"CÁ NHÂN", "Đặng Thu Hà", "Văn phòng Sở", "TỶ LỆ ĐÚNG HẠN", "75%", "2,50", "6,25", "Tổng cộng",
		"01/KH-STTTT", "10/03/2026", "Đang thực hiện quá hạn", "đến 31/03/2026"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("stats tasks lacks %q: %d\n%s\n%s", want, code, out, stderr)
		}
	}
	file = filepath.Join(t.TempDir(), "nv.xlsx")
	if code, _, stderr := e.run("", "stats", "tasks", "--from", "2026-01-01", "--to", "2026-03-31", "--format", "xlsx", "-o", file); code != 0 {
		t.Fatalf("stats tasks file: %d %s", code, stderr)
	}
	if got, err := os.ReadFile(file); err != nil || !strings.Contains(string(got), "format=xlsx") || !strings.Contains(string(got), "group=unit") {
		t.Fatalf("saved %q, %v", got, err)
	}
	if code, _, _ := e.run("", "stats", "tasks", "--to", "2026-03-31"); code != 2 {
		t.Fatalf("stats tasks without --from: exit %d, want 2", code)
	}
	if code, _, _ := e.run("", "stats", "documents", "--from", "2026-01-01"); code != 2 {
		t.Fatalf("stats without --to: exit %d, want 2", code)
	}
}
