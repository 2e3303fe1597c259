package templates

import (
	"strings"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// DocumentRouted are the facts of a document.routed notification: one step
// of an incoming document's routing (chuyển xử lý), told to whoever must
// act next, or (Informed) to those it is sent to for information.
type DocumentRouted struct {
	DocumentID   string
	Kind         string // forward, propose, direct, assign, return
	FromName     string
	Notation     string
	Summary      string // never shown for a confidential document
	Note         string // empty for a confidential document
	DueDate      string
	Urgency      domain.Urgency
	Confidential bool
	Informed     bool
}

var routedTitles = map[string]string{
	"forward": "Văn bản chuyển đến đồng chí",
	"propose": "Đề xuất xử lý văn bản",
	"direct":  "Bút phê, phân công xử lý văn bản",
	"assign":  "Giao xử lý văn bản",
	"return":  "Văn bản bị trả lại",
}

var routedVerbs = map[string]string{
	"forward": "đã chuyển văn bản",
	"propose": "đề xuất xử lý văn bản",
	"direct":  "đã bút phê, phân công xử lý văn bản",
	"assign":  "đã giao xử lý văn bản",
	"return":  "đã trả lại văn bản",
}

// Render writes the notification.
func (d DocumentRouted) Render() Message {
	title := routedTitles[d.Kind]
	verb := routedVerbs[d.Kind]
	if d.Informed {
		title, verb = "Văn bản để biết", "gửi để biết văn bản"
	}
	if title == "" {
		title, verb = "Văn bản chuyển đến", "đã chuyển văn bản"
	}
	var b strings.Builder
	b.WriteString(d.FromName + " " + verb + " số " + d.Notation + ".")
	if d.Confidential {
		b.WriteString(" Văn bản mật: xem nội dung trong hệ thống.")
	} else {
		if d.Summary != "" {
			b.WriteString(" Trích yếu: " + d.Summary + ".")
		}
		label := " Ý kiến: "
		if d.Kind == "return" {
			label = " Lý do: "
		}
		if d.Note != "" {
			b.WriteString(label + d.Note)
		}
	}
	if d.DueDate != "" && !d.Informed {
		b.WriteString(" Hạn xử lý: " + FormatDate(d.DueDate) + ".")
	}
	return Message{Title: withUrgency(d.Urgency, title+": "+d.Notation), Body: b.String(), Link: "/documents/" + d.DocumentID}
}
