package console

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// "Lịch làm việc": an administrator sees and edits the year's holidays and
// swapped working days of an agency, which deadlines given in ngày làm
// việc count over (the tasks service keeps them, with the government's
// announcements shipped as the default).
type calendarSection struct {
	Year, Prev, Next int
	AgencyID         string
	Agencies         []identityapi.Unit // to pick from: the administrator outside any agency
	Calendar         tasksapi.Calendar
	Text             string // the edit form's lines, as shown or as typed
}

var weekdays = [...]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

func init() {
	funcs["due"] = dueLabel
	funcs["weekday"] = func(day string) string {
		t, err := time.Parse(time.DateOnly, day)
		if err != nil {
			return ""
		}
		return weekdays[t.Weekday()]
	}
	labels["field"]["due_working_days"] = "Số ngày làm việc"
	labels["field"]["days"] = "Ngày nghỉ, ngày làm bù"
	labels["field"]["year"] = "Năm"
	labels["field"]["agency_id"] = "Cơ quan"
	labels["calendar_source"] = map[string]string{
		"agency":  "Lịch do quản trị viên của cơ quan đặt.",
		"shipped": "Lịch theo thông báo nghỉ lễ, Tết của Chính phủ (mặc định).",
		"rule":    "Chưa có thông báo của Chính phủ: lịch tính theo Bộ luật Lao động (Tết Nguyên đán, Giỗ Tổ theo âm lịch, nghỉ bù khi trùng thứ Bảy, Chủ nhật).",
	}
}

// dueLabel is a task's deadline as officials write it: "10 ngày làm việc (đến
// 05/03/2027)" when it was given in working days, else the date.
func dueLabel(v any) string {
	var t tasksapi.Task
	switch x := v.(type) {
	case tasksapi.Task:
		t = x
	case tasksapi.TaskDetail:
		t = x.Task
	case *tasksapi.TaskDetail:
		t = x.Task
	default:
		return date(v)
	}
	if t.DueWorkingDays > 0 {
		return fmt.Sprintf("%d ngày làm việc (đến %s)", t.DueWorkingDays, date(t.DueDate))
	}
	return date(t.DueDate)
}

// calendarScope is the year and agency a request names, and the agencies
// an administrator outside any agency picks from.
func (s *Server) calendarScope(rq *request, q url.Values) calendarSection {
	c := calendarSection{Year: time.Now().In(vnZone).Year(), AgencyID: q.Get("agency_id")}
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y >= 2000 && y <= 2100 {
		c.Year = y
	}
	c.Prev, c.Next = c.Year-1, c.Year+1
	units := s.units(rq)
	if rq.sess.User.UnitID != "" {
		c.AgencyID = agencyOf(units, rq.sess.User.UnitID)
		return c
	}
	for _, u := range units {
		if u.Kind == "agency" && u.Active {
			c.Agencies = append(c.Agencies, u)
		}
	}
	sort.Slice(c.Agencies, func(i, j int) bool { return c.Agencies[i].Name < c.Agencies[j].Name })
	if c.AgencyID == "" && len(c.Agencies) > 0 {
		c.AgencyID = c.Agencies[0].ID
	}
	return c
}

func (s *Server) adminCalendar(rq *request) {
	c := s.calendarScope(rq, rq.r.URL.Query())
	s.showCalendar(rq, http.StatusOK, c, nil)
}

func (s *Server) showCalendar(rq *request, status int, c calendarSection, refusal *session.Flash) {
	cal, err := rq.api.Tasks.Calendar(rq.ctx(), c.Year, c.AgencyID)
	if err != nil && s.sessionEnded(rq, err) {
		return
	}
	if err != nil && refusal == nil {
		f := describe(err)
		refusal, status = &f, statusOf(err)
	}
	c.Calendar = cal
	if c.Text == "" {
		c.Text = calendarText(cal.Days)
	}
	s.showAdmin(rq, status, fmt.Sprintf("Quản trị · Lịch làm việc năm %d", c.Year), adminPage{Page: "calendar", Error: refusal, Calendar: &c})
}

// calendarText is the days as the edit form's lines:
// "dd/mm/yyyy; nghỉ; Tên" or "dd/mm/yyyy; làm bù; Tên".
func calendarText(days []tasksapi.CalendarDay) string {
	var b strings.Builder
	for _, d := range days {
		kind := "nghỉ"
		if !d.Off {
			kind = "làm bù"
		}
		fmt.Fprintf(&b, "%s; %s; %s\n", date(d.Date), kind, d.Name)
	}
	return b.String()
}

// parseCalendarText reads the edit form's lines; the mistakes it finds
// are told per line, in Vietnamese, before anything is sent.
func parseCalendarText(text string) ([]tasksapi.CalendarDay, []string) {
	days := []tasksapi.CalendarDay{}
	var bad []string
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		parts := strings.SplitN(line, ";", 3)
		if len(parts) != 3 {
			bad = append(bad, fmt.Sprintf("Dòng %d: cần ghi \"ngày; nghỉ hoặc làm bù; tên ngày\"", i+1))
			continue
		}
		day, ok := parseDay(parts[0])
		if !ok {
			bad = append(bad, fmt.Sprintf("Dòng %d: ngày không đúng dạng dd/mm/yyyy", i+1))
			continue
		}
		d := tasksapi.CalendarDay{Date: day, Name: strings.TrimSpace(parts[2])}
		switch strings.ToLower(strings.TrimSpace(parts[1])) {
		case "nghỉ", "nghi":
			d.Off = true
		case "làm bù", "lam bu", "làm việc":
		default:
			bad = append(bad, fmt.Sprintf("Dòng %d: ghi \"nghỉ\" hoặc \"làm bù\"", i+1))
			continue
		}
		if d.Name == "" {
			bad = append(bad, fmt.Sprintf("Dòng %d: chưa ghi tên ngày", i+1))
			continue
		}
		if t, _ := time.Parse(time.DateOnly, day); !d.Off && t.Weekday() != time.Saturday && t.Weekday() != time.Sunday {
			bad = append(bad, fmt.Sprintf("Dòng %d: ngày làm bù phải là thứ Bảy hoặc Chủ nhật", i+1))
			continue
		}
		days = append(days, d)
	}
	return days, bad
}

// adminSetCalendar saves the year's days, or returns to the shipped ones.
func (s *Server) adminSetCalendar(rq *request) {
	f := rq.r.PostForm
	c := s.calendarScope(rq, url.Values{"year": {f.Get("year")}, "agency_id": {f.Get("agency_id")}})
	back := fmt.Sprintf("/admin/calendar?year=%d&agency_id=%s", c.Year, url.QueryEscape(c.AgencyID))
	if f.Get("action") == "reset" {
		_, err := rq.api.Tasks.ResetCalendar(rq.ctx(), c.Year, c.AgencyID)
		s.done(rq, err, fmt.Sprintf("Đã khôi phục lịch làm việc năm %d theo thông báo của Chính phủ.", c.Year), back)
		return
	}
	c.Text = f.Get("days")
	days, bad := parseCalendarText(c.Text)
	for _, d := range days {
		if !strings.HasPrefix(d.Date, strconv.Itoa(c.Year)+"-") {
			bad = append(bad, fmt.Sprintf("Ngày %s không thuộc năm %d", date(d.Date), c.Year))
		}
	}
	if len(bad) > 0 {
		s.showCalendar(rq, http.StatusBadRequest, c, &session.Flash{Text: "Thông tin chưa hợp lệ, vui lòng kiểm tra lại.", Details: bad})
		return
	}
	_, err := rq.api.Tasks.SetCalendar(rq.ctx(), c.Year, c.AgencyID, days)
	if err != nil && !s.sessionEnded(rq, err) {
		fl := describe(err)
		s.showCalendar(rq, statusOf(err), c, &fl)
		return
	}
	s.done(rq, err, fmt.Sprintf("Đã lưu lịch làm việc năm %d.", c.Year), back)
}
