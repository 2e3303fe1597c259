package wording

import (
	"testing"
	"time"
)

func TestReference(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, vnZone) }
	for _, c := range []struct {
		name string
		ref  Ref
		want string
	}{
		{"full", Ref{"plan", "01/KH-STTTT", day(2026, 3, 5), "Sở Thông tin và Truyền thông"},
			"Kế hoạch số 01/KH-STTTT ngày 05/3/2026 của Sở Thông tin và Truyền thông"},
		{"february pads the month", Ref{"directive", "07/CT-UBND", day(2026, 2, 15), "UBND tỉnh"},
			"Chỉ thị số 07/CT-UBND ngày 15/02/2026 của UBND tỉnh"},
		{"december", Ref{"official_letter", "123/UBND-KT", day(2026, 12, 1), ""},
			"Công văn số 123/UBND-KT ngày 01/12/2026"},
		{"unknown kind, no date", Ref{"x_new", "5/TB", time.Time{}, "Sở Y tế"}, "Văn bản số 5/TB của Sở Y tế"},
		// 23:30 UTC is the next day in Vietnam.
		{"vietnam day", Ref{"notice", "02/TB-STTTT", time.Date(2026, 3, 4, 23, 30, 0, 0, time.UTC), ""},
			"Thông báo số 02/TB-STTTT ngày 05/3/2026"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Reference(c.ref); got != c.want {
				t.Errorf("Reference = %q, want %q", got, c.want)
			}
		})
	}
}

func TestNamesNeverShowCodes(t *testing.T) {
	for _, c := range Classes {
		if ClassName(c) == c || ClassName(c) == "(không xác định)" {
			t.Errorf("class %s has no name", c)
		}
	}
	if got := ClassName("open_overdue"); got != "Đang thực hiện quá hạn" {
		t.Errorf("open_overdue = %q", got)
	}
	if got := DocumentStatus("pending_approval"); got != "Chờ ký" {
		t.Errorf("pending_approval = %q", got)
	}
	if got := TaskStatus("brand_new"); got != "(không xác định)" {
		t.Errorf("unknown status = %q", got)
	}
	if got := KindName("official_letter"); got != "Công văn" {
		t.Errorf("official_letter = %q", got)
	}
	if got := DateISO("2026-03-05"); got != "05/03/2026" {
		t.Errorf("DateISO = %q", got)
	}
}

func TestPeriodName(t *testing.T) {
	for in, want := range map[string]string{
		"2026-03": "Tháng 3/2026", "2026-12": "Tháng 12/2026", "2026-Q2": "Quý II/2026", "2026-Q4": "Quý IV/2026",
		"2026-W05": "Tuần 5/2026", "2026-06-30": "Kỳ báo cáo ngày 30/06/2026",
		"2026-13": "(kỳ không xác định)", "2026-Q5": "(kỳ không xác định)", "monthly": "(kỳ không xác định)",
	} {
		if got := PeriodName(in); got != want {
			t.Errorf("PeriodName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCadenceName(t *testing.T) {
	for in, want := range map[string]string{"weekly": "Hằng tuần", "quarterly": "Hằng quý", "none": "Không",
		"dates:2026-03-31,2026-06-30": "Vào các ngày 31/03/2026, 30/06/2026", "daily": "(không xác định)"} {
		if got := CadenceName(in); got != want {
			t.Errorf("CadenceName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEnglishForEveryWord: --lang en readers get an English word for every
// name of every table, so that no Vietnamese word is left in an English
// table by oversight.
func TestEnglishForEveryWord(t *testing.T) {
	tables := map[string]map[string]string{"kinds": kindNames, "classes": classNames, "documents": DocumentStatuses,
		"receipts": ReceiptStatuses, "tasks": TaskStatuses, "roles": Roles, "urgencies": Urgencies,
		"confidentialities": Confidentialities, "channels": Channels, "decisions": Decisions,
		"directions": PackageDirections, "package states": PackageStates, "status directions": StatusDirections,
		"signatures": Signatures, "user roles": UserRoles}
	for name, m := range tables {
		for code, vi := range m {
			if In("en", vi) == vi {
				t.Errorf("%s: %s (%s) has no English word", name, code, vi)
			}
			if In("vi", vi) != vi {
				t.Errorf("%s: In(vi, %s) changed it", name, vi)
			}
		}
	}
	for _, w := range []string{KindName("x_new"), TaskStatus("brand_new")} {
		if In("en", w) == w {
			t.Errorf("%q has no English word", w)
		}
	}
}
