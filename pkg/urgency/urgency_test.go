package urgency

import "testing"

func TestParseValidRank(t *testing.T) {
	for _, c := range []struct {
		in    string
		want  Level
		valid bool
		rank  int
	}{
		{"normal", Normal, true, 0},
		{"urgent", Urgent, true, 1},
		{"very_urgent", VeryUrgent, true, 2},
		{"flash", Flash, true, 3},
		{"", Normal, false, 0},
		{"FLASH", Normal, false, 0},
		{"immediate", Normal, false, 0},
	} {
		if got := Parse(c.in); got != c.want {
			t.Errorf("Parse(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := Level(c.in).Valid(); got != c.valid {
			t.Errorf("Level(%q).Valid() = %v, want %v", c.in, got, c.valid)
		}
		if got := Parse(c.in).Rank(); got != c.rank {
			t.Errorf("Parse(%q).Rank() = %d, want %d", c.in, got, c.rank)
		}
	}
}
