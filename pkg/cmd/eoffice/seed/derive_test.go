package seed

import "testing"

func TestPositionOf(t *testing.T) {
	tests := []struct {
		title    string
		inAgency bool
		want     string
	}{
		{"Chủ tịch", true, "head"},
		{"Phó Chủ tịch", true, "deputy"},
		{"Giám đốc", true, "head"},
		{"Phó Giám đốc", true, "deputy"},
		{"Quyền Giám đốc", true, "acting_head"},
		{"Tổng Biên tập", true, "head"},
		{"Chánh Văn phòng", false, "office_head"},
		{"Chánh Văn phòng", true, "office_head"},
		{"Trưởng phòng", false, "division_head"},
		{"Giám đốc Trung tâm", false, "division_head"},
		{"Phó Trưởng phòng", false, ""},
		{"", true, ""},
	}
	for _, tt := range tests {
		if got := positionOf(tt.title, tt.inAgency); got != tt.want {
			t.Errorf("positionOf(%q, %v) = %q, want %q", tt.title, tt.inAgency, got, tt.want)
		}
	}
}

func TestDerivedFacts(t *testing.T) {
	units := []Unit{
		{Key: "ubnd", Kind: "agency", Name: "Ủy ban nhân dân tỉnh Khánh Hòa"},
		{Key: "vp", Parent: "ubnd", Kind: "division", Name: "Văn phòng"},
		{Key: "so", Parent: "ubnd", Kind: "agency", Name: "Sở Thông tin và Truyền thông"},
		{Key: "bao", Parent: "ubnd", Name: "Báo Khánh Hòa"},
		{Key: "nt", Parent: "ubnd", Kind: "agency", Name: "Ủy ban nhân dân thành phố Nha Trang"},
		{Key: "sldtbxh", Parent: "ubnd", Kind: "agency", Name: "Sở Lao động - Thương binh và Xã hội"},
		{Key: "bdt", Kind: "agency", Name: "Bưu điện tỉnh Khánh Hòa"},
		{Key: "given", Parent: "ubnd", Kind: "agency", Name: "Sở Tư pháp", PlaceName: "Nha Trang", Regime: "collective", HeadTitle: "Giám đốc Sở"},
	}
	users := []User{
		{Username: "ct", Unit: "ubnd", Roles: []string{"leader"}, Title: "Chủ tịch"},
		{Username: "pct", Unit: "ubnd", Roles: []string{"leader"}, Title: "Phó Chủ tịch"},
		{Username: "gd", Unit: "so", Roles: []string{"leader"}, Title: "Giám đốc"},
		{Username: "tbt", Unit: "bao", Roles: []string{"leader"}, Title: "Tổng Biên tập"},
		{Username: "vt", Unit: "so", Roles: []string{"clerk"}, Title: "Văn thư"},
	}
	got := derivedFacts(units, users)
	want := map[string]agencyFacts{
		"ubnd":    {"Khánh Hòa", "collective", "Chủ tịch", "Ủy ban nhân dân"},
		"so":      {"Khánh Hòa", "head_led", "Giám đốc", ""},
		"bao":     {"Khánh Hòa", "head_led", "Tổng Biên tập", ""},
		"nt":      {"Nha Trang", "collective", "", "Ủy ban nhân dân"},
		"sldtbxh": {"Khánh Hòa", "head_led", "", ""},
		"bdt":     {"Khánh Hòa", "head_led", "", ""},
		"given":   {"Nha Trang", "collective", "Giám đốc Sở", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("facts for %d units, want %d (divisions have none): %v", len(got), len(want), got)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %+v, want %+v", k, got[k], w)
		}
	}
	byKey := map[string]Unit{}
	for _, u := range units {
		byKey[u.Key] = u
	}
	for _, c := range []struct {
		u    User
		want string
	}{
		{users[1], "deputy"},
		{users[4], ""}, // not a leader
		{User{Unit: "vp", Roles: []string{"leader"}, Title: "Chánh Văn phòng"}, "office_head"},
		{User{Unit: "so", Roles: []string{"leader"}, Title: "Giám đốc", Position: "acting_head"}, "acting_head"},
	} {
		if got := derivedPosition(c.u, byKey); got != c.want {
			t.Errorf("%+v: position %q, want %q", c.u, got, c.want)
		}
	}
}
