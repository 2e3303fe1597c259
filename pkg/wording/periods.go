package wording

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PeriodName names a report period as officials write it: 2026-03 is
// "Tháng 3/2026", 2026-Q2 "Quý II/2026", 2026-W11 "Tuần 11/2026", a fixed
// date 2026-06-30 "Kỳ báo cáo ngày 30/06/2026". A period of no known form
// gets a neutral word rather than the code.
func PeriodName(p string) string {
	if d, err := time.Parse(time.DateOnly, p); err == nil {
		return "Kỳ báo cáo ngày " + d.Format("02/01/2006")
	}
	year, rest, ok := strings.Cut(p, "-")
	y, err := strconv.Atoi(year)
	if !ok || err != nil || len(year) != 4 {
		return "(kỳ không xác định)"
	}
	switch {
	case strings.HasPrefix(rest, "Q"):
		if q, err := strconv.Atoi(rest[1:]); err == nil && q >= 1 && q <= 4 {
			return fmt.Sprintf("Quý %s/%d", []string{"I", "II", "III", "IV"}[q-1], y)
		}
	case strings.HasPrefix(rest, "W"):
		if w, err := strconv.Atoi(rest[1:]); err == nil && w >= 1 && w <= 53 {
			return fmt.Sprintf("Tuần %d/%d", w, y)
		}
	default:
		if m, err := strconv.Atoi(rest); err == nil && m >= 1 && m <= 12 && len(rest) == 2 {
			return fmt.Sprintf("Tháng %d/%d", m, y)
		}
	}
	return "(kỳ không xác định)"
}

// ReportStates name a periodic report request's state.
var ReportStates = map[string]string{
	"pending":          "Chưa đến hạn",
	"overdue":          "Quá hạn, chưa báo cáo",
	"reported_on_time": "Đã báo cáo đúng hạn",
	"reported_late":    "Đã báo cáo muộn",
	"not_reported":     "Không báo cáo",
}

// ReportState names a report request's state.
func ReportState(code string) string { return name(ReportStates, code) }

// CadenceName names a plan item's report cadence: "Hằng tuần", "Hằng
// tháng", "Hằng quý", "Không", or for fixed dates ("dates:2026-03-31,
// 2026-06-30") "Vào các ngày 31/03/2026, 30/06/2026".
func CadenceName(code string) string {
	if list, ok := strings.CutPrefix(code, "dates:"); ok {
		var days []string
		for _, d := range strings.Split(list, ",") {
			days = append(days, DateISO(strings.TrimSpace(d)))
		}
		return "Vào các ngày " + strings.Join(days, ", ")
	}
	return name(cadenceNames, code)
}

var cadenceNames = map[string]string{"none": "Không", "weekly": "Hằng tuần", "monthly": "Hằng tháng", "quarterly": "Hằng quý"}
