package edxml

import (
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/urgency"
)

// PriorityOf is the edXML priority of an urgency (API.md's words): normal 0,
// urgent 1, very_urgent 2, flash 3; anything else is 0.
func PriorityOf(u string) int { return urgency.Parse(u).Rank() }

// UrgencyOf is the urgency of an edXML priority: 0..3 as PriorityOf, 4
// (hỏa tốc hẹn giờ, flash at a set time) is flash too, anything else normal.
func UrgencyOf(priority int) string {
	switch priority {
	case 1:
		return string(urgency.Urgent)
	case 2:
		return string(urgency.VeryUrgent)
	case 3, 4:
		return string(urgency.Flash)
	}
	return string(urgency.Normal)
}

var statusNames = map[string]string{
	"01": "arrived", // not yet seen by the recipient's clerk
	"02": "refused",
	"03": "registered",
	"04": "assigned",
	"05": "handling",
	"06": "done",
	"13": "revocation_requested",
	"15": "revocation_agreed",
	"16": "revocation_refused",
}

// StatusName is the word for a status code ("01" → "arrived"); "" when the
// code is unknown. A one-digit code ("3") is read as "03".
func StatusName(code string) string { return statusNames[normCode(code)] }

func normCode(code string) string {
	code = strings.TrimSpace(code)
	if len(code) == 1 && code[0] >= '0' && code[0] <= '9' {
		return "0" + code
	}
	return code
}

// The wire values of the business kinds (BussinessDocType in the VDXP SDKs).
var kindCodes = map[string]string{KindNew: "0", KindRevocation: "1", KindUpdate: "2", KindReplacement: "3"}

func kindOf(code string) string {
	for k, c := range kindCodes {
		if c == strings.TrimSpace(code) {
			return k
		}
	}
	return KindNew
}
