package console

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// historyLine is one entry of a task's or a document's history as people
// read it: who, what, when, and what it was about told in Vietnamese from
// the entry's fields (a report id, a decision, dates as YYYY-MM-DD, unit
// and user ids); nothing of those reaches the page as is.
type historyLine struct {
	At     time.Time
	Actor  string // a name, "" when unknown
	Action string
	Status string // the new status, when it changed
	Detail string
	Link   string // "#report-…" when the entry is about a report of the timeline
}

// people resolves user ids to names once per page.
type people struct {
	rq    *request
	known map[string]identityapi.User
}

func (p *people) name(id string) string {
	if id == "" {
		return ""
	}
	u, ok := p.known[id]
	if !ok {
		var err error
		if u, err = p.rq.api.Identity.User(p.rq.ctx(), id); err != nil {
			u = identityapi.User{} // remembered: one failed look-up per page
		}
		p.known[id] = u
	}
	return u.FullName
}

// taskHistory tells a task's history; known are the people the page
// already read (delegation).
func (s *Server) taskHistory(rq *request, t tasksapi.TaskDetail, known map[string]identityapi.User) []historyLine {
	ps := &people{rq: rq, known: map[string]identityapi.User{}}
	for id, u := range known {
		ps.known[id] = u
	}
	units := s.units(rq)
	unitName := func(id string) string {
		if u, ok := units[id]; ok {
			return u.Name
		}
		return ""
	}
	out := make([]historyLine, 0, len(t.History))
	for _, e := range t.History {
		l := historyLine{At: e.At, Action: label("task_action", e.Action)}
		if l.Action == e.Action {
			l.Action = "Cập nhật nhiệm vụ" // an action newer than the console
		}
		l.Actor = ps.name(e.ActorUserID)
		switch {
		case l.Actor != "":
		case unitName(e.ActorUnitID) != "": // an entry an event caused names the unit only
			l.Actor = unitName(e.ActorUnitID)
		case e.ActorUserID == "" && e.ActorUnitID == "":
			l.Actor = "Hệ thống"
		}
		if e.ToStatus != "" && e.ToStatus != e.FromStatus {
			l.Status = label("task", e.ToStatus)
		}
		l.Detail, l.Link = taskDetail(e, t.Reports, ps, unitName)
		out = append(out, l)
	}
	return out
}

// taskDetail tells what an entry was about from its fields (written by
// services/tasks/internal/app: record calls); the note is people's text.
func taskDetail(e tasksapi.HistoryEntry, reports []tasksapi.Report, ps *people, unitName func(string) string) (string, string) {
	note := strings.TrimSpace(e.Note)
	switch e.Action {
	case "accepted":
		return "", ""
	case "assigned": // a delegated child carries the delegation's note
		return prefixed("Ý kiến giao việc: ", note), ""
	case "report_submitted", "completed":
		r, ok := reportOf(reports, e.ReportID)
		switch {
		case !ok:
			return "", ""
		case e.Action == "completed":
			return "Theo " + reportText(r, "báo cáo"), "#report-" + r.ID
		default:
			return reportText(r, "Báo cáo"), "#report-" + r.ID
		}
	case "report_reviewed":
		d := "Đánh giá: " + label("decision", e.Decision) + prefixed(" — ", note)
		if r, ok := reportOf(reports, e.ReportID); ok {
			return d, "#report-" + r.ID
		}
		return d, ""
	case "delegated":
		to := unitName(e.ToUnitID)
		if to == "" {
			to = "đơn vị cấp dưới"
		}
		if n := ps.name(e.ToUserID); n != "" {
			to += " — " + n
		}
		return "Giao cho " + to + prefixed(". Ý kiến: ", note), ""
	case "extension_requested":
		return "Đề nghị gia hạn" + dueDates(e) + prefixed(". Lý do: ", strings.TrimSpace(e.Reason)), ""
	case "extension_decided":
		verb := "Không đồng ý gia hạn"
		if e.Decision == "approved" {
			verb = "Đồng ý gia hạn"
		}
		return verb + dueDates(e) + prefixed(". Ý kiến: ", note), ""
	case "cancelled": // the revoked document's reason
		return "Văn bản giao việc đã bị thu hồi" + prefixed(". Lý do: ", strings.TrimSpace(e.Reason)), ""
	}
	return withoutIDs(note), ""
}

// reportOf finds the report id among a task's reports.
func reportOf(reports []tasksapi.Report, id string) (tasksapi.Report, bool) {
	for _, r := range reports {
		if id != "" && r.ID == id {
			return r, true
		}
	}
	return tasksapi.Report{}, false
}

// dueDates tells an extension's dates, " từ dd/mm/yyyy đến dd/mm/yyyy",
// or nothing when the entry lacks them.
func dueDates(e tasksapi.HistoryEntry) string {
	if e.OldDueDate == "" || e.NewDueDate == "" {
		return ""
	}
	return " từ " + date(e.OldDueDate) + " đến " + date(e.NewDueDate)
}

// reportText is how a report is named in the history: "Báo cáo 60%: …".
func reportText(r tasksapi.Report, kind string) string {
	if r.Final {
		kind += " hoàn thành"
	}
	return kind + " " + strconv.Itoa(r.ProgressPercent) + "%: " + short(r.Summary, 120)
}

// short cuts a long text at a word for a history line; the timeline
// above holds it whole.
func short(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut := string([]rune(s)[:max])
	if i := strings.LastIndex(cut, " "); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

var uuidLike = regexp.MustCompile(`(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b`)

// withoutIDs drops identifiers from a note the console cannot read: a
// person has no use for them.
func withoutIDs(s string) string {
	return strings.Join(strings.Fields(uuidLike.ReplaceAllString(s, "")), " ")
}

// documentHistory tells a document's history. The service names the
// actor; receipt steps keep the document's status, so only a change shows.
func documentHistory(h []documentsapi.HistoryEntry) []historyLine {
	out := make([]historyLine, 0, len(h))
	for _, e := range h {
		l := historyLine{At: e.At, Actor: e.ActorName, Action: label("action", e.Action)}
		if l.Action == e.Action {
			l.Action = "Cập nhật văn bản"
		}
		if e.ToStatus != "" && e.ToStatus != e.FromStatus {
			l.Status = label("doc", e.ToStatus)
		}
		reason := strings.TrimSpace(e.Reason)
		switch e.Action {
		case "reject":
			l.Detail = prefixed("Lý do trả lại: ", reason)
		case "revoke":
			l.Detail = prefixed("Lý do thu hồi: ", reason)
		case "direct":
			l.Detail = prefixed("Ý kiến chỉ đạo: ", reason)
		default:
			l.Detail = prefixed("Ghi chú: ", withoutIDs(reason))
		}
		out = append(out, l)
	}
	return out
}
