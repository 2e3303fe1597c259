package cli

import (
	"strings"
	"testing"
)

// TestLanguages: help and messages are Vietnamese by default and English
// with --lang en or EOFFICE_LANG=en; command names stay the same.
func TestLanguages(t *testing.T) {
	tests := []struct {
		name    string
		env     string
		args    []string
		code    int
		want    []string
		notWant []string
	}{
		{"help, default", "", []string{"help"}, 0,
			[]string{"cách dùng: eoffice LỆNH", "các lệnh:", "docs", "registers", "sổ văn bản đi, đến", "tiến độ kế hoạch theo bốn nhóm theo dõi"},
			[]string{"usage:", "commands:"}},
		{"help, --lang en", "", []string{"--lang", "en", "help"}, 0,
			[]string{"usage: eoffice COMMAND", "commands:", "the agency's register of a year"}, []string{"các lệnh"}},
		{"help, EOFFICE_LANG=en", "en", []string{"help"}, 0, []string{"usage: eoffice COMMAND"}, []string{"các lệnh"}},
		{"--lang vi wins over the environment", "en", []string{"help", "--lang=vi"}, 0, []string{"các lệnh:"}, nil},
		{"command help, default", "", []string{"tasks", "report", "t1", "-h"}, 0,
			[]string{"cách dùng eoffice tasks report:", "-progress int", "tiến độ phần trăm, 0-100 (bắt buộc)", "báo cáo hoàn thành nhiệm vụ", "(mặc định -1)"},
			[]string{"progress percent"}},
		{"command help, English", "", []string{"tasks", "report", "t1", "-h", "--lang", "en"}, 0,
			[]string{"usage of eoffice tasks report:", "progress percent, 0-100 (required)", "(default -1)"}, []string{"tiến độ"}},
		{"registers help", "", []string{"registers", "incoming", "--help"}, 0,
			[]string{"sổ văn bản mật", "năm của sổ (mặc định: năm nay)"}, nil},
		{"error, default", "", []string{"tasks", "delegate", "t1"}, 2,
			[]string{"eoffice: tasks delegate: cần nêu đơn vị được phân công (--to) và hạn xử lý (--due)"}, []string{"required"}},
		{"error, English", "", []string{"--lang", "en", "tasks", "delegate", "t1"}, 2,
			[]string{"eoffice: tasks delegate: --to and --due are required"}, nil},
		{"unknown command, default", "", []string{"frobnicate"}, 2, []string{`không có lệnh "frobnicate"`}, nil},
		{"unknown flag, default", "", []string{"tasks", "list", "--nope"}, 2, []string{"eoffice: không có cờ -nope"}, []string{"flag provided"}},
		{"not logged in, default", "", []string{"tasks", "list"}, 1, []string{"chưa đăng nhập: hãy chạy eoffice login trước"}, nil},
		{"not logged in, English", "en", []string{"tasks", "list"}, 1, []string{"not logged in: run eoffice login first"}, nil},
		{"a language we do not have", "", []string{"--lang", "fr", "help"}, 2, []string{`--lang là vi hoặc en, không phải "fr"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.vars["EOFFICE_LANG"] = tt.env
			code, _, stderr := e.run("", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d: %s", code, tt.code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			for _, n := range tt.notWant {
				if strings.Contains(stderr, n) {
					t.Errorf("stderr has %q:\n%s", n, stderr)
				}
			}
		})
	}
}
