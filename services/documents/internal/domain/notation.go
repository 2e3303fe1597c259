package domain

import "fmt"

// Notation builds số, ký hiệu (Decree 30, Phụ lục I): NN/ABBR-ISSUER, e.g.
// 07/CT-UBND; an official letter, which has no abbreviation, names the
// drafting division instead: NN/ISSUER-DIVISION (123/UBND-KT), or just
// NN/ISSUER when the agency unit itself drafted it. Numbers below 10 get a
// leading zero.
func Notation(kind Kind, number int64, issuer, drafting Unit) string {
	info, _ := kind.Info()
	n := fmt.Sprintf("%02d", number)
	if info.Abbreviation != "" {
		return n + "/" + info.Abbreviation + "-" + issuer.ShortName
	}
	if drafting.ID == "" || drafting.ID == issuer.ID || drafting.ShortName == "" {
		return n + "/" + issuer.ShortName
	}
	return n + "/" + issuer.ShortName + "-" + drafting.ShortName
}
