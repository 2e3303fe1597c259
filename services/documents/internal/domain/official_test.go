package domain

import "testing"

func TestPlaceAndCollectiveNames(t *testing.T) {
	cases := []struct {
		agency, parent, place, collective string
	}{
		{"Ủy ban nhân dân tỉnh Khánh Hòa", "", "Khánh Hòa", "ỦY BAN NHÂN DÂN"},
		{"Ủy ban nhân dân thành phố Nha Trang", "Ủy ban nhân dân tỉnh Khánh Hòa", "Nha Trang", "ỦY BAN NHÂN DÂN"},
		{"Sở Thông tin và Truyền thông", "Ủy ban nhân dân tỉnh Khánh Hòa", "Khánh Hòa", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"},
		{"Hội đồng nhân dân huyện Diên Khánh", "", "Diên Khánh", "HỘI ĐỒNG NHÂN DÂN"},
		{"Bưu điện tỉnh Khánh Hòa", "", "Khánh Hòa", "BƯU ĐIỆN"},
		{"Ủy ban nhân dân tỉnh", "", "Ủy ban nhân dân tỉnh", "ỦY BAN NHÂN DÂN TỈNH"},
		{"Sở Nội vụ", "", "Sở Nội vụ", "SỞ NỘI VỤ"},
		{"Sở Lao động - Thương binh và Xã hội", "Ủy ban nhân dân tỉnh Khánh Hòa", "Khánh Hòa", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"},
		{"Ủy ban nhân dân xã Vĩnh Lương", "", "Vĩnh Lương", "ỦY BAN NHÂN DÂN"},
	}
	for _, c := range cases {
		if got := PlaceName(Unit{Name: c.agency}, Unit{Name: c.parent}); got != c.place {
			t.Errorf("PlaceName(%q, %q) = %q, want %q", c.agency, c.parent, got, c.place)
		}
		if got := CollectiveName(c.agency); got != c.collective {
			t.Errorf("CollectiveName(%q) = %q, want %q", c.agency, got, c.collective)
		}
	}
}

func TestSignatureLines(t *testing.T) {
	cases := []struct {
		mark, title, collective string
		wantMark, wantPosition  string
	}{
		{"", "Giám đốc", "SỞ NỘI VỤ", "", "GIÁM ĐỐC"},
		{"TM.", "Chủ tịch", "ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"},
		{"KT.", "Phó Chủ tịch", "ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"},
		{"KT.", "Phó Giám đốc", "SỞ NỘI VỤ", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"},
		{"Q.", "Quyền Giám đốc", "SỞ NỘI VỤ", "Q. GIÁM ĐỐC", ""},
		{"TM.", "Chủ tịch", "Ủy ban nhân dân tỉnh Khánh Hòa", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"},
	}
	for _, c := range cases {
		m, p := SignatureLines(Signer{SigningMark: SigningMark(c.mark), Title: c.title}, Unit{Name: c.collective})
		if m != c.wantMark || p != c.wantPosition {
			t.Errorf("%s %s: %q / %q, want %q / %q", c.mark, c.title, m, p, c.wantMark, c.wantPosition)
		}
	}
}

// The agency's facts from identity win over what its names suggest.
func TestOfficialFactsFromIdentity(t *testing.T) {
	agency := Unit{Name: "Ủy ban nhân dân tỉnh Khánh Hòa", PlaceName: "Nha Trang", HeadTitle: "Chủ tịch", CollectiveName: "Ủy ban nhân dân"}
	if got := PlaceName(agency, Unit{}); got != "Nha Trang" {
		t.Errorf("place %q", got)
	}
	if m, p := SignatureLines(Signer{SigningMark: "KT.", Title: "Phó Chủ tịch Thường trực"}, agency); m != "KT. CHỦ TỊCH" || p != "PHÓ CHỦ TỊCH THƯỜNG TRỰC" {
		t.Errorf("%q / %q", m, p)
	}
	if m, _ := SignatureLines(Signer{SigningMark: "TM.", Title: "Chủ tịch"}, agency); m != "TM. ỦY BAN NHÂN DÂN" {
		t.Errorf("%q", m)
	}
}
