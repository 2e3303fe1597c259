package console

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/web/internal/api"
)

// historyLine is one entry of a task's or a document's history as people
// read it: who, what, when, and the service's note told in Vietnamese. The
// services write notes for machines (a report id, "accepted: …", dates as
// YYYY-MM-DD, unit and user ids); nothing of that reaches the page as is.
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
	known map[string]client.User
}

func (p *people) name(id string) string {
	if id == "" {
		return ""
	}
	u, ok := p.known[id]
	if !ok {
		var err error
		if u, err = p.rq.api.Client().User(p.rq.ctx(), id); err != nil {
			u = client.User{} // remembered: one failed look-up per page
		}
		p.known[id] = u
	}
	return u.FullName
}

// taskHistory tells a task's history; known are the people the page
// already read (delegation).
func (s *Server) taskHistory(rq *request, t api.Task, known map[string]client.User) []historyLine {
	ps := &people{rq: rq, known: map[string]client.User{}}
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

// taskDetail reads the note of each action the tasks service writes
// (services/tasks/internal/app: record calls).
func taskDetail(e api.HistoryEntry, reports []client.Report, ps *people, unitName func(string) string) (string, string) {
	note := strings.TrimSpace(e.Note)
	switch e.Action {
	case "accepted":
		return "", ""
	case "assigned": // a delegated child carries the delegation's note
		return prefixed("Ý kiến giao việc: ", note), ""
	case "report_submitted", "completed": // the note is the report's id
		for _, r := range reports {
			if r.ID == note {
				if e.Action == "completed" {
					return "Theo " + reportText(r, "báo cáo"), "#report-" + r.ID
				}
				return reportText(r, "Báo cáo"), "#report-" + r.ID
			}
		}
		return "", ""
	case "report_reviewed": // "accepted: comment"
		decision, comment, _ := strings.Cut(note, ":")
		d := "Đánh giá: " + label("decision", strings.TrimSpace(decision))
		if c := strings.TrimSpace(comment); c != "" {
			d += " — " + c
		}
		return d, reviewedLink(reports, strings.TrimSpace(decision), strings.TrimSpace(comment), e.At)
	case "delegated": // "<unit id>[/<user id>]: note"
		target, rest, _ := strings.Cut(note, ":")
		unit, user, _ := strings.Cut(strings.TrimSpace(target), "/")
		to := unitName(unit)
		if to == "" {
			to = "đơn vị cấp dưới"
		}
		if n := ps.name(user); n != "" {
			to += " — " + n
		}
		return "Giao cho " + to + prefixed(". Ý kiến: ", strings.TrimSpace(rest)), ""
	case "extension_requested": // "2026-12-10 → 2026-12-20: reason"
		from, to, rest := extensionDates(note)
		return "Đề nghị gia hạn từ " + from + " đến " + to + prefixed(". Lý do: ", rest), ""
	case "extension_decided": // "approved 2026-12-10 → 2026-12-20: comment"
		decision, dates, _ := strings.Cut(note, " ")
		from, to, rest := extensionDates(dates)
		verb := "Không đồng ý gia hạn"
		if decision == "approved" {
			verb = "Đồng ý gia hạn"
		}
		return verb + " từ " + from + " đến " + to + prefixed(". Ý kiến: ", rest), ""
	case "cancelled": // the revoked document's reason
		return "Văn bản giao việc đã bị thu hồi" + prefixed(". Lý do: ", note), ""
	}
	return withoutIDs(note), ""
}

// reportText is how a report is named in the history: "Báo cáo 60%: …".
func reportText(r client.Report, kind string) string {
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

// reviewedLink points at the report a review entry is about: the history
// names the decision and comment only, so the latest report submitted
// before the review with that very review is taken.
func reviewedLink(reports []client.Report, decision, comment string, at time.Time) string {
	link := ""
	for _, r := range reports {
		if r.Review != nil && r.Review.Decision == decision && strings.TrimSpace(r.Review.Comment) == comment &&
			!r.SubmittedAt.After(at) {
			link = "#report-" + r.ID
		}
	}
	return link
}

// extensionDates reads "YYYY-MM-DD → YYYY-MM-DD: rest" into dd/mm/yyyy.
func extensionDates(s string) (from, to, rest string) {
	dates, rest, _ := strings.Cut(s, ":") // dates hold no colon; a reason may
	a, b, _ := strings.Cut(dates, "→")
	return date(strings.TrimSpace(a)), date(strings.TrimSpace(b)), strings.TrimSpace(rest)
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
func documentHistory(h []api.HistoryEntry) []historyLine {
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
