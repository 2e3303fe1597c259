package edxml

import (
	"strings"
	"time"
)

// vietnam is Asia/Ho_Chi_Minh: UTC+7 without daylight saving since 1975,
// so a fixed zone is exact and needs no tz database on the host.
var vietnam = time.FixedZone("ICT", 7*3600)

const (
	goDate    = "2006-01-02"
	wireDate  = "2006/01/02"
	wireStamp = "2006/01/02 15:04:05"
)

// wireDateOf turns a Go date ("2006-01-02") into the wire form.
func wireDateOf(d string) (string, bool) {
	t, err := time.Parse(goDate, d)
	if err != nil {
		return "", false
	}
	return t.Format(wireDate), true
}

// Dates as systems send them: the standard's yyyy/MM/dd, ISO, and the
// dd/MM/yyyy some write (seen in public status builders), with or
// without a time after them.
var dateLayouts = []string{wireDate, goDate, "02/01/2006", "2006/1/2", "2/1/2006"}

// goDateOf reads a wire date into "2006-01-02"; false when it is none.
func goDateOf(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format(goDate), true
		}
	}
	return "", false
}

var stampLayouts = []string{wireStamp, "2006-01-02 15:04:05", "02/01/2006 15:04:05", "2006-01-02T15:04:05", "2006/01/02"}

// stampOf reads a wire timestamp (Vietnam time unless it carries a zone).
func stampOf(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	for _, l := range stampLayouts {
		if t, err := time.ParseInLocation(l, s, vietnam); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func wireStampOf(t time.Time) string { return t.In(vietnam).Format(wireStamp) }
