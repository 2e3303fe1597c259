package workdays

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAddAndBetween(t *testing.T) {
	c := New(
		Day{Date: day("2026-09-02"), Off: true, Name: "Quốc khánh"},
		Day{Date: day("2026-09-05"), Off: false, Name: "Làm bù"},
	)
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-08-28", 1, "2026-08-31"}, // Friday → Monday
		{"2026-08-31", 2, "2026-09-03"}, // skips the holiday on Wednesday
		{"2026-09-04", 1, "2026-09-05"}, // the swapped Saturday is worked
		{"2026-09-07", -2, "2026-09-04"},
		{"2026-09-07", 0, "2026-09-07"},
	}
	for _, tt := range tests {
		got := c.Add(day(tt.from), tt.n)
		if got.Format("2006-01-02") != tt.want {
			t.Errorf("Add(%s, %d) = %s, want %s", tt.from, tt.n, got.Format("2006-01-02"), tt.want)
		}
		if tt.n != 0 {
			if b := c.Between(day(tt.from), got); b != tt.n {
				t.Errorf("Between(%s, %s) = %d, want %d", tt.from, tt.want, b, tt.n)
			}
		}
	}
	if c.IsWorkingDay(day("2026-09-06")) {
		t.Error("a Sunday is off")
	}
}
