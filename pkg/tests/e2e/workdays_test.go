package e2e

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/pkg/workdays"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TestDeadlineInWorkingDays: an administrator adds a day off to STTTT's
// calendar of this year; STTTT's leader then delegates a task "trong 10
// ngày làm việc", and the child's due date skips weekends, Vietnam's
// holidays and the day added; the task keeps both the date and the 10.
func TestDeadlineInWorkingDays(t *testing.T) {
	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	tok := o.users
	sttt := o.units["STTTT"].ID
	var div identityapi.Unit
	must(t, http.StatusCreated, "POST", s.identity+"/v1/units", admin, identityapi.NewUnit{Kind: "division",
		Name: "Phòng Bưu chính, Viễn thông", ShortName: "BCVT", ParentID: sttt}, &div)

	// The administrator adds the next working day as a day off.
	vn := time.FixedZone("ICT", 7*3600)
	y, m, d := time.Now().In(vn).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	shipped := workdays.Vietnamese()
	extra := shipped.Add(today, 1)
	calURL := s.tasks + "/v1/calendars/" + strconv.Itoa(extra.Year()) + "?agency_id=" + sttt
	var cal tasksapi.Calendar
	must(t, http.StatusOK, "GET", calURL, tok["stttt.lanhdao"], nil, &cal)
	if cal.Source == "agency" || len(cal.Days) == 0 {
		t.Fatalf("before any change: %+v", cal)
	}
	days := append(cal.Days, tasksapi.CalendarDay{Date: extra.Format(time.DateOnly), Off: true, Name: "Nghỉ theo quyết định của Giám đốc Sở"})
	must(t, http.StatusForbidden, "PUT", calURL, tok["stttt.lanhdao"], tasksapi.CalendarUpdate{Days: days}, nil)
	must(t, http.StatusBadRequest, "PUT", calURL, admin, tasksapi.CalendarUpdate{Days: append(days,
		tasksapi.CalendarDay{Date: "1999-01-01", Off: true, Name: "Ngoài năm"})}, nil)
	must(t, http.StatusOK, "PUT", calURL, admin, tasksapi.CalendarUpdate{Days: days}, &cal)
	if cal.Source != "agency" {
		t.Fatalf("after the change: %+v", cal)
	}
	var own []workdays.Day
	for _, d := range days {
		at, _ := time.Parse(time.DateOnly, d.Date)
		own = append(own, workdays.Day{Date: at, Off: d.Off, Name: d.Name})
	}
	want := workdays.NewYearly(workdays.Vietnam, own...).Add(today, 10).Format(time.DateOnly)

	due := time.Now().AddDate(0, 3, 0).Format(time.DateOnly)
	var doc documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", tok["ubnd.chuyenvien"], documentsapi.NewDocument{Kind: "directive",
		Summary: "Về việc rà soát thủ tục hành chính", Body: "…", Recipients: []string{sttt}, DueDate: due}, &doc)
	docURL := s.documents + "/v1/documents/" + doc.ID
	must(t, http.StatusOK, "POST", docURL+"/submit", tok["ubnd.chuyenvien"], nil, nil)
	must(t, http.StatusOK, "POST", docURL+"/approve", tok["ubnd.lanhdao"], nil, nil)
	must(t, http.StatusOK, "POST", docURL+"/issue", tok["ubnd.vanthu"], nil, nil)
	var st tasksapi.Task
	eventually(t, 30*time.Second, "STTTT gets its task", func() bool {
		var got client.Page[tasksapi.Task]
		must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox&source_document_id="+doc.ID, tok["stttt.lanhdao"], nil, &got)
		if len(got.Items) == 1 {
			st = got.Items[0]
		}
		return st.ID != ""
	})
	delegate := s.tasks + "/v1/tasks/" + st.ID + "/delegate"
	must(t, http.StatusBadRequest, "POST", delegate, tok["stttt.lanhdao"],
		tasksapi.Delegation{AssigneeUnitID: div.ID, DueDate: due, DueWorkingDays: 10}, nil)
	var child tasksapi.Task
	eventually(t, 30*time.Second, "delegated in working days", func() bool {
		code, _ := call(t, "POST", delegate, tok["stttt.lanhdao"], tasksapi.Delegation{AssigneeUnitID: div.ID, DueWorkingDays: 10,
			Note: "Hoàn thành trong 10 ngày làm việc"}, &child)
		return code == http.StatusCreated
	})
	if child.DueDate != want || child.DueWorkingDays != 10 {
		t.Fatalf("child due %s (%d working days), want %s (10)", child.DueDate, child.DueWorkingDays, want)
	}
	var read tasksapi.TaskDetail
	must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks/"+child.ID, tok["stttt.lanhdao"], nil, &read)
	if read.DueDate != want || read.DueWorkingDays != 10 {
		t.Fatalf("read back: %s, %d", read.DueDate, read.DueWorkingDays)
	}
}
