package domain

import "testing"

// TestKindByName: a sender's type name, in any case and with or without
// its accents, maps to the kind; anything else is an official letter.
func TestKindByName(t *testing.T) {
	for name, want := range map[string]Kind{
		"Công văn": KindOfficialLetter, "QUYẾT ĐỊNH": KindDecision, "Quyet dinh": KindDecision, " Chỉ thị ": KindDirective,
		"Kế hoạch": KindPlan, "Giấy mời": KindInvitation, "Tờ trình": KindSubmission, "Công điện": "telegram",
		"Bản sao": KindOfficialLetter, "": KindOfficialLetter, "Thư công": KindOfficialLetter,
	} {
		if got := KindByName(name); got != want {
			t.Errorf("%q: %s, want %s", name, got, want)
		}
	}
}
