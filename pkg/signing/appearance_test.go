package signing

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// The appearance font must have every Vietnamese letter, so nothing is
// folded away: "Nguyễn" must not print as "Nguyên".
func TestAppearanceFontKeepsVietnameseMarks(t *testing.T) {
	f, err := appearanceFont()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		"Nguyễn Văn An",
		"Đặng Thị Ỷ Lan",
		"Phạm Quốc Tuấn Kiệt",
		"Trần Thị Hồng Nhung",
		"Ký lúc 08:30:00 05/03/2026 (UTC+07:00)",
		"SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH KHÁNH HÒA",
		"ẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰỲỴỶỸ",
	} {
		want := norm.NFC.String(name)
		if got := fold(f, want); got != want {
			t.Errorf("fold(%q) = %q, the font lacks a letter", want, got)
		}
	}
}
