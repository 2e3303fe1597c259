package domain_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/services/exchange/internal/domain"
)

func TestValidCode(t *testing.T) {
	for code, want := range map[string]bool{
		"000.00.00.H41": true, "000.00.00.G22": true, "000.00.15.H51": true, "123.45.67.K01": true,
		"000.00.00.h41": false, "000.00.00.H4": false, "00.00.00.H41": false, "000.00.00.41": false, "000-00-00-H41": false,
		" 000.00.00.H41": false, "": false,
	} {
		if got := domain.ValidCode(code); got != want {
			t.Errorf("ValidCode(%q) = %v", code, got)
		}
	}
}

func TestParseCSV(t *testing.T) {
	const head = "code,name,parent_code,address,email\n"
	for _, tc := range []struct {
		name, csv, err string
		n              int
	}{
		{"good", head + "000.00.00.H49,UBND tỉnh Quảng Ninh,,\"Hạ Long, Quảng Ninh\",vt@qn.gov.vn\n000.00.15.H51, Sở Nội vụ ,000.00.00.H51,,\n", "", 2},
		{"byte order mark", "\ufeff" + head + "000.00.00.H49,Q,,,\n", "", 1},
		{"empty", "", "empty file", 0},
		{"header only", head, "no organisation", 0},
		{"wrong header", "code,name\n", "line 1", 0},
		{"bad code on line 3", head + "000.00.00.H49,Q,,,\n000.00.00.X,Bad,,,\n", "line 3: code", 0},
		{"no name", head + "000.00.00.H49,,,,\n", "line 2: name", 0},
		{"bad email", head + "000.00.00.H49,Q,,,not-an-email\n", "line 2: email", 0},
		{"fields", head + "000.00.00.H49,Q\n", "line 2", 0},
		{"repeat", head + "000.00.00.H49,Q,,,\n000.00.00.H49,Q2,,,\n", "repeats line 2", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			orgs, err := domain.ParseCSV(strings.NewReader(tc.csv))
			if tc.err != "" {
				if !errors.Is(err, apperr.ErrInvalid) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || len(orgs) != tc.n {
				t.Fatalf("= %+v, %v", orgs, err)
			}
			if tc.name == "good" && (orgs[1].Name != "Sở Nội vụ" || orgs[0].Address != "Hạ Long, Quảng Ninh" || orgs[1].ParentCode != "000.00.00.H51") {
				t.Fatalf("rows = %+v", orgs)
			}
		})
	}
}
