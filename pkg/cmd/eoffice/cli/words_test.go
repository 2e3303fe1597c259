package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/wording"
)

// internalCodes are the codes of every table of pkg/wording: none may be a
// cell of a table a person reads.
func internalCodes() map[string]bool {
	codes := map[string]bool{}
	for _, m := range []map[string]string{wording.KindNames(), wording.DocumentStatuses, wording.ReceiptStatuses,
		wording.TaskStatuses, wording.Roles, wording.Urgencies, wording.Confidentialities, wording.Channels,
		wording.Decisions, wording.PackageDirections, wording.PackageStates, wording.StatusDirections,
		wording.Signatures, wording.UserRoles} {
		for c := range m {
			if c != "" {
				codes[c] = true
			}
		}
	}
	for _, c := range wording.Classes {
		codes[c] = true
	}
	return codes
}

var (
	isoDate  = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
	fieldRe  = regexp.MustCompile(`^([a-zà-ỹđ][^:]{0,30}):\s+(.*)$`)
	cellSep  = regexp.MustCompile(`\s{2,}`)
	listSep  = regexp.MustCompile(`,\s+`)
	snakeish = regexp.MustCompile(`\b[a-z]+_[a-z_]+\b`)
)

// cells splits what a command printed into the values a person reads: the
// values of name: value lines, and the cells of aligned tables.
func cells(out string) []string {
	var got []string
	for _, line := range strings.Split(out, "\n") {
		if m := fieldRe.FindStringSubmatch(line); m != nil && !strings.Contains(m[1], "  ") {
			got = append(got, listSep.Split(strings.TrimSpace(m[2]), -1)...)
			continue
		}
		for _, c := range cellSep.Split(strings.TrimSpace(line), -1) {
			got = append(got, strings.TrimSpace(c))
		}
	}
	return got
}

// TestNoInternalWords runs each list and show command, in Vietnamese and in
// English, and fails on an internal code, an ISO date or, in Vietnamese, a
// column or field name left in English; --json keeps the codes and ISO
// dates scripts read.
func TestNoInternalWords(t *testing.T) {
	commands := [][]string{
		{"docs", "list"},
		{"docs", "list", "--box", "incoming"},
		{"docs", "show", "d1"},
		{"docs", "show", "d7"},
		{"tasks", "list"},
		{"tasks", "show", "t1"},
		{"plan", "progress", "d1"},
		{"stats", "units"},
		{"stats", "documents", "--from", "2026-01-01", "--to", "2026-03-31"},
		{"registers", "incoming", "--year", "2026"},
		{"registers", "outgoing", "--year", "2026"},
		{"exchange", "packages"},
		{"exchange", "get", "p1"},
		{"exchange", "orgs"},
		{"calendar", "show", "--year", "2026"},
		{"me"},
	}
	codes := internalCodes()
	for _, lang := range []string{"vi", "en"} {
		e, _ := newExchangeEnv(t)
		e.vars["EOFFICE_LANG"] = lang
		for _, args := range commands {
			t.Run(lang+" "+strings.Join(args, " "), func(t *testing.T) {
				code, out, stderr := e.run("", args...)
				if code != 0 || strings.Count(out, "\n") < 2 {
					t.Fatalf("exit %d, %q %q", code, out, stderr)
				}
				if d := isoDate.FindString(out); d != "" {
					t.Errorf("ISO date %s shown:\n%s", d, out)
				}
				if w := snakeish.FindString(out); w != "" {
					t.Errorf("code %s shown:\n%s", w, out)
				}
				if strings.Contains(out, "(không xác định)") || strings.Contains(out, "(unknown)") {
					t.Errorf("a code the test data uses has no name:\n%s", out)
				}
				for _, c := range cells(out) {
					if codes[c] {
						t.Errorf("code %q shown:\n%s", c, out)
					}
					if v, ok := vi[c]; lang == "vi" && ok && v != c {
						t.Errorf("%q left in English:\n%s", c, out)
					}
				}
				if lang == "en" && (strings.Contains(out, "TRẠNG THÁI") || strings.Contains(out, "trạng thái:")) {
					t.Errorf("Vietnamese names in English:\n%s", out)
				}
				code, js, _ := e.run("", append(args, "--json")...)
				if code != 0 || !strings.HasPrefix(strings.TrimSpace(js), "{") {
					t.Fatalf("--json: exit %d %q", code, js)
				}
			})
		}
	}
}

// TestWordsInBothLanguages: the names a reader sees, in each language.
func TestWordsInBothLanguages(t *testing.T) {
	tests := []struct {
		lang string
		args []string
		want []string
	}{
		{"vi", []string{"tasks", "list"}, []string{"Đang thực hiện", "Đang thực hiện quá hạn", "Chủ trì", "30/06/2026", "TRẠNG THÁI"}},
		{"en", []string{"tasks", "list"}, []string{"In progress", "Open overdue", "Lead", "30/06/2026", "STATUS"}},
		{"vi", []string{"docs", "list", "--box", "incoming"}, []string{"SỐ ĐẾN", "125", "06/03/2026", "UBND tỉnh", "Chỉ thị", "Liên thông", "Đã phân công xử lý", "Thượng khẩn", "10/04/2026"}},
		{"en", []string{"docs", "list", "--box", "incoming"}, []string{"INCOMING NO.", "Directive", "Exchange", "Assigned for handling", "Very urgent"}},
		{"vi", []string{"docs", "show", "d1"}, []string{"loại văn bản:", "Kế hoạch", "Đã phát hành", "05/03/2026 09:00", "20/12/2026"}},
		{"en", []string{"tasks", "show", "t1"}, []string{"Awaiting review", "Completed on time", "Cooperating", "Returned", "yes", "01/06/2026 10:00"}},
		{"vi", []string{"exchange", "get", "p1"}, []string{"Gói tin đến", "Đã nhận", "Hợp lệ", "21/11/2026 08:00", "Đã đến", "Gửi đi"}},
		{"vi", []string{"plan", "progress", "d1"}, []string{"Hoàn thành quá hạn", "Hoàn thành", "Tổng số"}},
		{"en", []string{"plan", "progress", "d1"}, []string{"Completed late", "Total"}},
		{"vi", []string{"me"}, []string{"Chuyên viên"}},
		{"vi", []string{"tasks", "show", "t1"}, []string{"10 ngày làm việc (đến 30/06/2026)"}},
		{"vi", []string{"calendar", "show", "--year", "2026"}, []string{"01/01/2026", "Thứ Năm", "Nghỉ", "14/02/2026", "Thứ Bảy", "Làm bù", "căn cứ:", "thông báo nghỉ lễ, Tết"}},
		{"en", []string{"calendar", "show", "--year", "2026"}, []string{"Thursday", "day off", "working day in exchange"}},
	}
	e, _ := newExchangeEnv(t)
	for _, tt := range tests {
		t.Run(tt.lang+" "+strings.Join(tt.args, " "), func(t *testing.T) {
			e.vars["EOFFICE_LANG"] = tt.lang
			code, out, stderr := e.run("", tt.args...)
			for _, w := range tt.want {
				if code != 0 || !strings.Contains(out, w) {
					t.Errorf("lacks %q: exit %d\n%s%s", w, code, out, stderr)
				}
			}
		})
	}
}

// TestSynopsesInBothLanguages: a command without its subcommand shows its
// synopsis in the session's language.
func TestSynopsesInBothLanguages(t *testing.T) {
	for _, cmd := range []string{"docs", "tasks", "exchange", "plan", "stats", "registers", "events"} {
		e := newEnv(t)
		_, _, vi := e.run("", cmd)
		e.vars["EOFFICE_LANG"] = "en"
		_, _, en := e.run("", cmd)
		if vi == en || !strings.Contains(en, cmd+":") {
			t.Errorf("%s: the synopsis is not translated:\n%s", cmd, vi)
		}
	}
	e := newEnv(t)
	_, _, help := e.run("", "help")
	for _, w := range []string{"[TỆP]", "progress MÃ_KẾ_HOẠCH", "[--year NĂM]"} {
		if !strings.Contains(help, w) {
			t.Errorf("help lacks %q:\n%s", w, help)
		}
	}
}
