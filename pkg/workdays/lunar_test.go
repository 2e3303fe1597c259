package workdays

import (
	"testing"
	"time"
)

// The published solar dates of Tết Nguyên đán (1/1 âm lịch) and Giỗ Tổ
// Hùng Vương (10/3 âm lịch): data to check the computation against.
func TestLunarPublishedDates(t *testing.T) {
	tests := []struct {
		lunar LunarDate
		solar string
	}{
		{LunarDate{Day: 1, Month: 1, Year: 2024}, "2024-02-10"},
		{LunarDate{Day: 1, Month: 1, Year: 2025}, "2025-01-29"},
		{LunarDate{Day: 1, Month: 1, Year: 2026}, "2026-02-17"},
		{LunarDate{Day: 1, Month: 1, Year: 2027}, "2027-02-06"},
		{LunarDate{Day: 1, Month: 1, Year: 2028}, "2028-01-26"},
		{LunarDate{Day: 1, Month: 1, Year: 2029}, "2029-02-13"},
		// The new moon of 2/2/2030 comes at 16:07 UTC: 23:07 in Hà Nội but
		// past midnight in Beijing. Vietnam's Tết Canh Tuất is 2/2/2030 (Hồ
		// Ngọc Đức's published table agrees); 3/2/2030, often quoted, is
		// China's Chūnjié.
		{LunarDate{Day: 1, Month: 1, Year: 2030}, "2030-02-02"},
		// Likewise Tết Mậu Thân: 29/1/1968 in the North, at UTC+7, a day
		// before the South and China at UTC+8.
		{LunarDate{Day: 1, Month: 1, Year: 1968}, "1968-01-29"},
		{LunarDate{Day: 10, Month: 3, Year: 2023}, "2023-04-29"},
		{LunarDate{Day: 10, Month: 3, Year: 2024}, "2024-04-18"},
		{LunarDate{Day: 10, Month: 3, Year: 2025}, "2025-04-07"},
		{LunarDate{Day: 10, Month: 3, Year: 2026}, "2026-04-26"},
		// Leap years: Quý Mão 2023 repeated month 2, Ất Tỵ 2025 month 6.
		{LunarDate{Day: 1, Month: 2, Year: 2023, Leap: true}, "2023-03-22"},
		{LunarDate{Day: 1, Month: 3, Year: 2023}, "2023-04-20"},
		{LunarDate{Day: 1, Month: 6, Year: 2025}, "2025-06-25"},
		{LunarDate{Day: 1, Month: 6, Year: 2025, Leap: true}, "2025-07-25"},
		{LunarDate{Day: 1, Month: 7, Year: 2025}, "2025-08-23"},
		// The last months of a lunar year fall in the next solar year.
		{LunarDate{Day: 23, Month: 12, Year: 2025}, "2026-02-10"},
	}
	for _, tt := range tests {
		got, err := Solar(tt.lunar)
		if err != nil {
			t.Errorf("Solar(%s): %v", tt.lunar, err)
			continue
		}
		if got.Format(time.DateOnly) != tt.solar {
			t.Errorf("Solar(%s) = %s, want %s", tt.lunar, got.Format(time.DateOnly), tt.solar)
		}
		if back := Lunar(day(tt.solar)); back != tt.lunar {
			t.Errorf("Lunar(%s) = %s, want %s", tt.solar, back, tt.lunar)
		}
	}
}

func TestLunarRoundTrip(t *testing.T) {
	for d := day("2000-01-01"); d.Year() < 2051; d = d.AddDate(0, 0, 1) {
		l := Lunar(d)
		back, err := Solar(l)
		if err != nil || !back.Equal(d) {
			t.Fatalf("Lunar(%s) = %s, back %s, %v", d.Format(time.DateOnly), l, back.Format(time.DateOnly), err)
		}
	}
}

func TestSolarRejects(t *testing.T) {
	for _, l := range []LunarDate{
		{Day: 1, Month: 3, Year: 2025, Leap: true}, // 2025 repeats month 6, not 3
		{Day: 1, Month: 1, Year: 2026, Leap: true}, // 2026 has no leap month
		{Day: 31, Month: 1, Year: 2026},
		{Day: 1, Month: 13, Year: 2026},
		{Day: 30, Month: 12, Year: 2025}, // Ất Tỵ's last month has 29 days
	} {
		if got, err := Solar(l); err == nil {
			t.Errorf("Solar(%s) = %s, want an error", l, got.Format(time.DateOnly))
		}
	}
}
