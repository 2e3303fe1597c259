package wording

import (
	"fmt"
	"strings"
	"time"
)

// vnZone is Asia/Ho_Chi_Minh (no daylight saving since 1975), fixed so that
// no tzdata is needed.
var vnZone = time.FixedZone("ICT", 7*3600)

// Date writes a time as dd/mm/yyyy in Vietnam; the zero time is "".
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vnZone).Format("02/01/2006")
}

// DateISO writes a YYYY-MM-DD date (or an RFC 3339 time) as dd/mm/yyyy; a
// value that is neither is returned unchanged.
func DateISO(s string) string {
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d.Format("02/01/2006")
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return Date(t)
	}
	return s
}

// DocumentDate writes a document's date as a citation does (Decree 30:
// days below 10 and months 1 and 2 take a leading zero): 05/3/2026,
// 15/02/2026, 01/12/2026.
func DocumentDate(t time.Time) string {
	t = t.In(vnZone)
	m := fmt.Sprint(int(t.Month()))
	if t.Month() <= 2 {
		m = "0" + m
	}
	return fmt.Sprintf("%02d/%s/%d", t.Day(), m, t.Year())
}

// Ref is what a citation of a document names.
type Ref struct {
	Kind     string    // kind code, e.g. plan; "" names it "Văn bản"
	Notation string    // số, ký hiệu, e.g. 01/KH-STTTT; may be empty before issue
	Date     time.Time // date of the document; zero leaves the date out
	Issuer   string    // issuing agency's name; may be empty
}

// Reference cites a document as officials write it: «Kế hoạch số
// 01/KH-STTTT ngày 05/3/2026 của Sở Thông tin và Truyền thông». Parts that
// are not known are left out.
func Reference(r Ref) string {
	parts := []string{KindName(r.Kind)}
	if r.Notation != "" {
		parts = append(parts, "số "+r.Notation)
	}
	if !r.Date.IsZero() {
		parts = append(parts, "ngày "+DocumentDate(r.Date))
	}
	if r.Issuer != "" {
		parts = append(parts, "của "+r.Issuer)
	}
	return strings.Join(parts, " ")
}
