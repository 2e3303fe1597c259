package domain

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"2025-03-31", true},
		{"2024-02-29", true},
		{"2025-02-29", false},
		{"2025-02-30", false},
		{"2025-3-31", false},
		{"31/03/2025", false},
		{"2025-03-31T00:00:00Z", false},
		{"", false},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q) err = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && d.String() != tt.in {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, d.String())
		}
	}
}

func TestDateEnd(t *testing.T) {
	d := MustDate("2025-12-31")
	want := time.Date(2025, 12, 31, 16, 59, 59, 999999999, time.UTC)
	if got := d.End(); !got.Equal(want) {
		t.Fatalf("End = %s, want %s", got.UTC(), want)
	}
	if DateOf(at("2025-12-31T17:00:00Z")).String() != "2026-01-01" {
		t.Fatal("17:00Z on 31 December is 1 January in Hanoi")
	}
	if !(Date{}).IsZero() || (Date{}).String() != "" {
		t.Fatal("zero date")
	}
}
