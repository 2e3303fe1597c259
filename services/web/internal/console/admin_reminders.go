package console

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// The administrators' "Quy tắc nhắc hạn": per agency, the working days
// before a deadline that remind, a reminder on the day, how often an
// overdue task is reminded, and after how many overdue working days the
// assigning leader and the unit's head are told (tasks keeps them).

type reminderRulesPage struct {
	Page     string // reminders (the admin tab)
	Agency   identityapi.Unit
	Agencies []identityapi.Unit
	Rules    tasksapi.ReminderRules
	// Before is the form's "3, 1".
	Before string
	Error  *session.Flash
}

func (s *Server) adminReminderRules(rq *request) {
	p := reminderRulesPage{Page: "reminders", Agency: s.agencyFor(rq, rq.r.URL.Query().Get("agency"))}
	if p.Agency.ID != "" {
		r, err := rq.api.Tasks.ReminderRules(rq.ctx(), p.Agency.ID)
		if err != nil {
			s.failed(rq, err)
			return
		}
		p.Rules, p.Before = r, joinDays(r.BeforeDays)
	}
	s.showReminderRules(rq, http.StatusOK, p)
}

func (s *Server) showReminderRules(rq *request, status int, p reminderRulesPage) {
	for _, u := range s.units(rq) {
		if u.Kind == "agency" && u.Active {
			p.Agencies = append(p.Agencies, u)
		}
	}
	sort.Slice(p.Agencies, func(i, j int) bool { return p.Agencies[i].Name < p.Agencies[j].Name })
	s.render(rq, status, "reminder_rules", "Quản trị · Quy tắc nhắc hạn", p)
}

func (s *Server) adminSetReminderRules(rq *request) {
	f := rq.r.PostForm
	p := reminderRulesPage{Page: "reminders", Agency: s.agencyFor(rq, f.Get("agency")), Before: f.Get("before_days")}
	days, ok := parseDays(p.Before)
	every, err1 := strconv.Atoi(strings.TrimSpace(f.Get("repeat_every")))
	after, err2 := strconv.Atoi(strings.TrimSpace(f.Get("escalate_after")))
	onDay := f.Get("on_due_day") == "1"
	p.Rules = tasksapi.ReminderRules{BeforeDays: days, OnDueDay: onDay, RepeatEvery: every, EscalateAfter: after}
	if !ok || err1 != nil || err2 != nil {
		p.Error = &session.Flash{Text: "Số ngày phải là số nguyên; các ngày nhắc trước hạn cách nhau bằng dấu phẩy, ví dụ 3, 1."}
		s.showReminderRules(rq, http.StatusBadRequest, p)
		return
	}
	_, err := rq.api.Tasks.SetReminderRules(rq.ctx(), p.Agency.ID, tasksapi.ReminderRulesRequest{BeforeDays: days, OnDueDay: &onDay,
		RepeatEvery: &every, EscalateAfter: &after})
	if err != nil {
		if !s.sessionEnded(rq, err) {
			f := describe(err)
			p.Error = &f
			s.showReminderRules(rq, statusOf(err), p)
		}
		return
	}
	s.done(rq, nil, "Đã lưu quy tắc nhắc hạn của "+p.Agency.Name+".", "/admin/reminder-rules?agency="+url.QueryEscape(p.Agency.ID))
}

// parseDays reads "3, 1" (blank: none).
func parseDays(s string) ([]int, bool) {
	days := []int{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return days, false
		}
		days = append(days, n)
	}
	return days, true
}

func joinDays(days []int) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = strconv.Itoa(d)
	}
	return strings.Join(parts, ", ")
}
