// Package templates holds every text a person is sent, in Vietnamese, in one
// place: one file per notification type, each turning the facts of an event
// into a Message. The in-app inbox shows Title and Body; later channels
// (e-mail, webhooks) reuse the same texts.
package templates

import (
	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// Message is what one notification says.
type Message struct {
	Title string
	Body  string
	Link  string // path in the web console, e.g. /tasks/<id>
}

// urgencyMarks are the marks Decree 30 prints on urgent documents (độ khẩn).
var urgencyMarks = map[domain.Urgency]string{
	domain.UrgencyUrgent:     "[Khẩn]",
	domain.UrgencyVeryUrgent: "[Thượng khẩn]",
	domain.UrgencyFlash:      "[Hỏa tốc]",
}

// withUrgency prefixes s with the urgency mark, if any, so urgent work stands
// out in a list of titles.
func withUrgency(u domain.Urgency, s string) string {
	if m, ok := urgencyMarks[u]; ok {
		return m + " " + s
	}
	return s
}

// FormatDate writes a YYYY-MM-DD date as Vietnamese readers expect it,
// dd/mm/yyyy; a value that is not such a date is returned unchanged.
func FormatDate(iso string) string { return wording.DateISO(iso) }

// KindName is the Vietnamese name of a document kind ("Văn bản" when the
// kind is new), never its code.
func KindName(kind string) string { return wording.KindName(kind) }
