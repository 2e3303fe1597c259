package templates

import "strings"

// Authorisation are the facts of an authorisation.granted or .revoked
// notification, told to both its people.
type Authorisation struct {
	GrantorName string
	GranteeName string
	From, To    string // YYYY-MM-DD
	Kinds       []string
	Scope       string // "sign" or "inbox"
	Revoked     bool
}

// Render writes the notification.
func (a Authorisation) Render() Message {
	who := a.GrantorName + " ủy quyền cho " + a.GranteeName
	if a.Revoked {
		return Message{Title: "Thu hồi ủy quyền", Body: "Ủy quyền của " + a.GrantorName + " cho " + a.GranteeName +
			" đã bị thu hồi; từ nay không còn hiệu lực."}
	}
	var b strings.Builder
	b.WriteString(who)
	if a.Scope == "inbox" {
		b.WriteString(" xử lý văn bản đến")
	} else {
		names := make([]string, 0, len(a.Kinds))
		for _, k := range a.Kinds {
			names = append(names, KindName(k))
		}
		b.WriteString(" ký thừa ủy quyền (TUQ.)")
		if len(names) > 0 {
			b.WriteString(" các văn bản: " + strings.Join(names, ", "))
		}
	}
	b.WriteString(", từ ngày " + FormatDate(a.From) + " đến hết ngày " + FormatDate(a.To) + ".")
	return Message{Title: "Ủy quyền: " + who, Body: b.String()}
}
