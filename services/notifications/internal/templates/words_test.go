package templates

import (
	"regexp"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/services/notifications/internal/domain"
)

// codeOrISO is what must never reach a reader: an internal code (a word
// with an underscore, a status or class code, a kind's code) or an ISO date.
var codeOrISO = regexp.MustCompile(`\b[a-z]+_[a-z_]+\b|\b(pending_approval|approved|issued|received|registered|directed|` +
	`assigned|in_progress|awaiting_review|completed|cancelled|directive|plan|official_letter|lead|cooperate|sign|inbox|` +
	`forward|propose|direct|assign|return|very_urgent|flash|urgent)\b|\d{4}-\d\d-\d\d`)

// TestEmailsReadAsOfficials renders every notification as an e-mail for
// sample data, including values new to the templates (an unknown kind, a
// routing step not yet named), and fails when a code or ISO date shows.
func TestEmailsReadAsOfficials(t *testing.T) {
	tk := Task{ID: "t-1", Title: "Tuyên truyền PAPI", SourceNotation: "07/CT-UBND",
		UnitName: "Sở Thông tin và Truyền thông", DueDate: "2026-03-31", Urgency: domain.UrgencyFlash, PersonName: "Hoàng Thị Em"}
	doc := DocumentArrived{DocumentID: "d-1", Notation: "01/KH-STTTT", Kind: "plan", Date: time.Date(2026, 3, 5, 1, 0, 0, 0, time.UTC),
		IssuerName: "Sở Thông tin và Truyền thông", AgencyName: "Sở Nội vụ", Summary: "Về chuyển đổi số", DueDate: "2026-04-15",
		Urgency: domain.UrgencyUrgent}
	odd := doc
	odd.Kind = "brand_new_kind"
	msgs := map[string]Message{
		"document arrived":      doc.Render(),
		"unknown kind":          odd.Render(),
		"task assigned, lead":   TaskAssigned{TaskID: "t-1", Title: "PAPI", SourceNotation: "07/CT-UBND", UnitName: "Sở", Role: "lead", DueDate: "2026-03-31"}.Render(),
		"task assigned, other":  TaskAssigned{TaskID: "t-1", Title: "PAPI", UnitName: "Sở", Role: "cooperate", DueDate: "2026-03-31"}.Render(),
		"report submitted":      ReportSubmitted{Task: tk, Progress: 40}.Render(),
		"report final":          ReportSubmitted{Task: tk, Progress: 100, Final: true}.Render(),
		"report returned":       ReportReviewed{Task: tk, Comment: "Bổ sung"}.Render(),
		"report accepted":       ReportReviewed{Task: tk, Accepted: true, Final: true}.Render(),
		"extension approved":    ExtensionDecided{Task: tk, Approved: true, Requested: "2026-04-30", Previous: "2026-03-31"}.Render(),
		"extension refused":     ExtensionDecided{Task: tk, Requested: "2026-04-30"}.Render(),
		"due soon":              DueSoon{Task: tk, DaysLeft: 2}.Render(),
		"overdue":               Overdue{Task: tk, DaysOverdue: 3}.Render(),
		"cancelled":             TaskCancelled{Task: tk, Reason: "Thu hồi"}.Render(),
		"authorisation signing": Authorisation{GrantorName: "A", GranteeName: "B", From: "2026-03-01", To: "2026-03-10", Kinds: []string{"official_letter", "brand_new_kind"}, Scope: "sign"}.Render(),
		"due day":               DueSoon{Task: planTask, WorkingDays: true}.Render(),
		"overdue working days":  Overdue{Task: planTask, DaysOverdue: 3, WorkingDays: true}.Render(),
		"escalated to assigner": Escalated{Task: planTask, DaysOverdue: 5, ToAssigner: true, Items: digestItems[:2]}.Render(),
		"escalated to head":     Escalated{Task: planTask, DaysOverdue: 5, Items: digestItems}.Render(),
		"weekly digest":         sampleDigest.Render(),
		"report due soon":       ReportDue{Task: planTask, Period: "2026-03", ReportDueDate: "2026-03-31", Days: 3}.Render(),
		"report due today":      ReportDue{Task: tk, Period: "2026-Q1", ReportDueDate: "2026-03-31"}.Render(),
		"report overdue":        ReportDue{Task: tk, Period: "2026-W11", ReportDueDate: "2026-03-13", Overdue: true, Days: 2}.Render(),
		"report of a fixed day": ReportDue{Task: tk, Period: "2026-06-30", ReportDueDate: "2026-06-30", Days: 1}.Render(),
		"report of an odd kỳ":   ReportDue{Task: tk, Period: "2026-H1", ReportDueDate: "2026-06-30", Days: 1}.Render(),
		"authorisation inbox":   Authorisation{GrantorName: "A", GranteeName: "B", From: "2026-03-01", To: "2026-03-10", Scope: "inbox"}.Render(),
	}
	for _, k := range []string{"forward", "propose", "direct", "assign", "return", "brand_new_step"} {
		msgs["routed "+k] = DocumentRouted{DocumentID: "d-1", Kind: k, FromName: "Chánh Văn phòng", Notation: "01/KH-STTTT",
			Summary: "Về chuyển đổi số", Note: "Đề xuất", DueDate: "2026-04-15", Urgency: domain.UrgencyVeryUrgent}.Render()
	}
	for name, m := range msgs {
		t.Run(name, func(t *testing.T) {
			e := RenderEmail(m, "Nguyễn Văn An", "https://eoffice.example")
			// The link is for the mail reader's software, not read as text.
			for part, text := range map[string]string{"subject": e.Subject, "text": stripLinks(e.Text), "html": stripLinks(e.HTML)} {
				if w := codeOrISO.FindString(text); w != "" {
					t.Errorf("%s shows %q: %s", part, w, text)
				}
			}
		})
	}
}

var linkRe = regexp.MustCompile(`https?://\S+|href="[^"]*"|<[^>]+>`)

func stripLinks(s string) string { return linkRe.ReplaceAllString(s, " ") }

// TestEmailCheckSeesCodes: the check fails on what it must refuse.
func TestEmailCheckSeesCodes(t *testing.T) {
	for _, s := range []string{"Trạng thái: pending_approval", "Hạn 2026-03-31", "Loại: official_letter", "Phân loại open_overdue"} {
		if !codeOrISO.MatchString(s) {
			t.Errorf("%q passes", s)
		}
	}
	if w := codeOrISO.FindString("Kế hoạch số 01/KH-STTTT ngày 05/3/2026 của Sở"); w != "" {
		t.Errorf("a good text shows %q", w)
	}
}
