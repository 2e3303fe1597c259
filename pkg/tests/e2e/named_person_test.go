package e2e

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TestDelegateToNamedPerson: a department's leader delegates a directive's
// task to a named specialist of its division (and another to a specialist
// of the department itself); each named person finds the task with
// assignee=me and is told in-app, together with the unit's leader, while
// the division's other specialist is not; a deactivated person or one of
// another unit is refused naming the field.
func TestDelegateToNamedPerson(t *testing.T) {
	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	tok := o.users
	var div identityapi.Unit
	must(t, http.StatusCreated, "POST", s.identity+"/v1/units", admin, identityapi.NewUnit{Kind: "division",
		Name: "Phòng Bưu chính, Viễn thông", ShortName: "BCVT", ParentID: o.units["STTTT"].ID}, &div)
	ids := map[string]string{}
	for _, p := range []struct{ username, unit, role string }{
		{"stttt.vanthu", o.units["STTTT"].ID, "clerk"}, {"bcvt.lanhdao", div.ID, "leader"},
		{"bcvt.cv1", div.ID, "specialist"}, {"bcvt.cv2", div.ID, "specialist"}, {"bcvt.cu", div.ID, "specialist"},
	} {
		var u identityapi.User
		must(t, http.StatusCreated, "POST", s.identity+"/v1/users", admin, identityapi.NewUser{
			Username: p.username, FullName: "Người dùng " + p.username, Email: p.username + "@khanhhoa.gov.vn",
			UnitID: p.unit, Roles: []string{p.role}, Password: password}, &u)
		ids[p.username] = u.ID
		if p.username != "bcvt.cu" {
			tok[p.username] = login(t, s.identity, p.username, password)
		}
	}
	must(t, http.StatusOK, "POST", s.identity+"/v1/users/"+ids["bcvt.cu"]+"/deactivate", admin, nil, nil)
	var me identityapi.User
	must(t, http.StatusOK, "GET", s.identity+"/v1/me", tok["stttt.chuyenvien"], nil, &me)
	ids["stttt.chuyenvien"] = me.ID

	due := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	var d documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", tok["ubnd.chuyenvien"], documentsapi.NewDocument{Kind: "directive",
		Summary: "Về việc nâng cao Chỉ số PAPI", Body: "…", Recipients: []string{o.units["STTTT"].ID}, DueDate: due}, &d)
	docURL := s.documents + "/v1/documents/" + d.ID
	must(t, http.StatusOK, "POST", docURL+"/submit", tok["ubnd.chuyenvien"], nil, nil)
	must(t, http.StatusOK, "POST", docURL+"/approve", tok["ubnd.lanhdao"], nil, nil)
	must(t, http.StatusOK, "POST", docURL+"/issue", tok["ubnd.vanthu"], nil, nil)
	var st tasksapi.Task
	eventually(t, 30*time.Second, "STTTT gets its task", func() bool {
		var got client.Page[tasksapi.Task]
		must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox&source_document_id="+d.ID, tok["stttt.lanhdao"], nil, &got)
		if len(got.Items) == 1 {
			st = got.Items[0]
		}
		return st.ID != ""
	})
	delegate := s.tasks + "/v1/tasks/" + st.ID + "/delegate"
	body := func(unitID, who string) tasksapi.Delegation {
		return tasksapi.Delegation{AssigneeUnitID: unitID, AssigneeUserID: ids[who], DueDate: due, Note: "Giao chuyên viên"}
	}

	// Identity's user events reach the tasks service asynchronously: the
	// delegation is retried while the person is not known there yet.
	delegateTo := func(unitID, who string) tasksapi.Task {
		t.Helper()
		var child tasksapi.Task
		eventually(t, 30*time.Second, "delegated to "+who, func() bool {
			code, _ := call(t, "POST", delegate, tok["stttt.lanhdao"], body(unitID, who), &child)
			return code == http.StatusCreated
		})
		if child.AssigneeUserID != ids[who] || child.AssigneeUnitID != unitID || child.ParentTaskID != st.ID {
			t.Fatalf("child task %+v, want %s of %s", child, who, unitID)
		}
		return child
	}
	toDivision := delegateTo(div.ID, "bcvt.cv1")
	toOwn := delegateTo(o.units["STTTT"].ID, "stttt.chuyenvien")
	if toOwn.AssignerUnitID != o.units["STTTT"].ID {
		t.Fatalf("own-unit delegation %+v", toOwn)
	}
	for _, tc := range []struct{ name, unitID, who, field string }{
		{"deactivated", div.ID, "bcvt.cu", "assignee_user_id"},
		{"of another unit", div.ID, "stttt.chuyenvien", "assignee_user_id"},
	} {
		p := expectProblem(t, http.StatusBadRequest, "POST", delegate, tok["stttt.lanhdao"], body(tc.unitID, tc.who))
		if len(p.Errors) == 0 || p.Errors[0].Field != tc.field {
			t.Fatalf("%s: %+v, want field %s", tc.name, p, tc.field)
		}
	}

	// Each named person sees their task, and only theirs, with assignee=me.
	for who, want := range map[string]string{"bcvt.cv1": toDivision.ID, "stttt.chuyenvien": toOwn.ID} {
		var mine client.Page[tasksapi.Task]
		must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox&assignee=me", tok[who], nil, &mine)
		if len(mine.Items) != 1 || mine.Items[0].ID != want {
			t.Fatalf("%s: assignee=me %+v, want %s", who, mine.Items, want)
		}
		must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks/"+want, tok[who], nil, nil)
	}

	// The named person and the unit's leader are told in-app; the other
	// specialist of the division is not (one event's notifications are
	// written in one transaction, so once the named person has theirs,
	// everyone who will be told has been).
	told := func(who, taskID string) bool {
		var got client.Page[notificationsapi.Notification]
		must(t, http.StatusOK, "GET", s.notifications+"/v1/notifications", tok[who], nil, &got)
		return slices.ContainsFunc(got.Items, func(n notificationsapi.Notification) bool {
			return n.Type == "task.assigned" && n.Link == "/tasks/"+taskID
		})
	}
	took := eventually(t, 30*time.Second, "the named specialist notified", func() bool { return told("bcvt.cv1", toDivision.ID) })
	t.Logf("measured: delegation to named person's in-app notification: %s", took)
	if !told("bcvt.lanhdao", toDivision.ID) {
		t.Fatal("the division's leader was not told with the named person")
	}
	if told("bcvt.cv2", toDivision.ID) {
		t.Fatal("another specialist of the division was told of a task named to someone else")
	}
	eventually(t, 30*time.Second, "the department's named specialist notified", func() bool { return told("stttt.chuyenvien", toOwn.ID) })
}
