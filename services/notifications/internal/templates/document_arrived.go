package templates

import (
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/wording"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// DocumentArrived are the facts of a document.issued notification told to
// the clerks of a recipient agency.
type DocumentArrived struct {
	DocumentID   string
	Notation     string    // e.g. 07/CT-UBND
	Kind         string    // kind code, e.g. directive; named in Vietnamese
	Date         time.Time // the document's date; zero leaves it out
	IssuerName   string
	AgencyName   string // the recipient agency
	Summary      string // trích yếu; never shown for a confidential document
	DueDate      string
	Urgency      domain.Urgency
	Confidential bool
}

// Render writes the notification. A document that is not of normal
// confidentiality is named by its notation only: no summary, whatever the
// event carried.
func (d DocumentArrived) Render() Message {
	title := "Văn bản đến: " + d.Notation
	if d.Confidential {
		title = "Văn bản mật đến: " + d.Notation
	}
	var b strings.Builder
	b.WriteString(wording.Reference(wording.Ref{Kind: d.Kind, Notation: d.Notation, Date: d.Date, Issuer: d.IssuerName}))
	b.WriteString(" đã đến " + d.AgencyName + ".")
	if d.Confidential {
		b.WriteString(" Văn bản mật: xem nội dung trong hệ thống.")
	} else if d.Summary != "" {
		b.WriteString(" Trích yếu: " + d.Summary + ".")
	}
	if d.DueDate != "" {
		b.WriteString(" Hạn xử lý: " + FormatDate(d.DueDate) + ".")
	}
	b.WriteString(" Đề nghị vào sổ văn bản đến.")
	return Message{Title: withUrgency(d.Urgency, title), Body: b.String(), Link: "/documents/" + d.DocumentID}
}
