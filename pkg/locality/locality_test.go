package locality

import "testing"

func TestSplit(t *testing.T) {
	tests := []struct{ name, body, place string }{
		{"Ủy ban nhân dân tỉnh Khánh Hòa", "Ủy ban nhân dân", "Khánh Hòa"},
		{"Ủy ban nhân dân thành phố Nha Trang", "Ủy ban nhân dân", "Nha Trang"},
		{"UBND thị xã Ninh Hòa", "UBND", "Ninh Hòa"},
		{"Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội", ""},
		{"Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông", ""},
		{"Ủy ban nhân dân xã Vĩnh Lương", "Ủy ban nhân dân", "Vĩnh Lương"},
	}
	for _, tt := range tests {
		if body, place := Split(tt.name); body != tt.body || place != tt.place {
			t.Errorf("Split(%q) = %q, %q; want %q, %q", tt.name, body, place, tt.body, tt.place)
		}
	}
}
