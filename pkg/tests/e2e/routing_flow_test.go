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

// TestRoutingFlow: one incoming paper document goes, through the running
// stack, clerk → Chánh Văn phòng (proposal) → Chủ tịch → Phó Chủ tịch
// (bút phê: STTTT leads, SNV for information) → STTTT's division → a
// specialist, who returns it with a reason (back one step, to the
// division's head), gets it again and reports on the direction's task;
// each person is told in-app, only the holder may act, the informed Sở
// reads it from its box, and the document shows every step.
func TestRoutingFlow(t *testing.T) {
	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	tok := o.users
	var div identityapi.Unit
	must(t, http.StatusCreated, "POST", s.identity+"/v1/units", admin, identityapi.NewUnit{Kind: "division",
		Name: "Phòng Bưu chính, Viễn thông", ShortName: "BCVT", ParentID: o.units["STTTT"].ID}, &div)
	ids := map[string]string{}
	for _, p := range []struct{ username, name, unit, role string }{
		{"vp.chanh", "Ngô Văn Chánh", o.units["VPUBND"].ID, "leader"},
		{"ubnd.pct", "Lương Văn Phó", o.units["UBND"].ID, "leader"},
		{"bcvt.lanhdao", "Trịnh Thị Trưởng", div.ID, "leader"},
		{"bcvt.cv", "Đinh Văn Viên", div.ID, "specialist"},
	} {
		var u identityapi.User
		must(t, http.StatusCreated, "POST", s.identity+"/v1/users", admin, identityapi.NewUser{
			Username: p.username, FullName: p.name, Email: p.username + "@khanhhoa.gov.vn",
			UnitID: p.unit, Roles: []string{p.role}, Password: password}, &u)
		ids[p.username] = u.ID
		tok[p.username] = login(t, s.identity, p.username, password)
	}
	for _, who := range []string{"ubnd.lanhdao", "ubnd.vanthu"} {
		var me identityapi.User
		must(t, http.StatusOK, "GET", s.identity+"/v1/me", tok[who], nil, &me)
		ids[who] = me.ID
	}

	var d documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents/incoming", tok["ubnd.vanthu"], documentsapi.NewIncoming{
		Sender: documentsapi.Sender{Name: "Bộ Thông tin và Truyền thông"}, OriginalNotation: "310/BTTTT-CĐSQG", OriginalDate: "2026-01-05",
		Kind: "official_letter", Summary: "Về việc triển khai nền tảng số", Urgency: "urgent",
	}, &d)
	u := s.documents + "/v1/documents/" + d.ID
	step := func(who, action string, body any) documentsapi.Document {
		t.Helper()
		var out documentsapi.Document
		// The people directory reaches documents by events: a person just
		// made may be unknown for a moment.
		eventually(t, 30*time.Second, who+" "+action, func() bool {
			code, _ := call(t, "POST", u+"/"+action, tok[who], body, &out)
			if code != http.StatusOK && code != http.StatusBadRequest {
				t.Fatalf("%s %s: %d", who, action, code)
			}
			return code == http.StatusOK
		})
		return out
	}
	step("ubnd.vanthu", "forward", documentsapi.Route{ToUserID: ids["vp.chanh"], Note: "Kính chuyển Chánh Văn phòng"})
	expectProblem(t, http.StatusForbidden, "POST", u+"/forward", tok["ubnd.vanthu"], documentsapi.Route{ToUserID: ids["ubnd.lanhdao"]})
	step("vp.chanh", "propose", documentsapi.Route{ToUserID: ids["ubnd.lanhdao"], Note: "Đề xuất giao Sở TTTT chủ trì"})
	step("ubnd.lanhdao", "forward", documentsapi.Route{ToUserID: ids["ubnd.pct"], Note: "Giao đồng chí Phó Chủ tịch"})
	expectProblem(t, http.StatusConflict, "POST", u+"/assign", tok["ubnd.pct"], documentsapi.Route{ToUnitID: div.ID})
	due := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	step("ubnd.pct", "direct", documentsapi.Direct{LeadUnitID: o.units["STTTT"].ID, InformedUnitIDs: []string{o.units["SNV"].ID},
		DueDate: due, Note: "Giao Sở TTTT chủ trì, báo cáo UBND tỉnh"})
	step("stttt.lanhdao", "assign", documentsapi.Route{ToUnitID: div.ID, Note: "Phòng BCVT tham mưu"})
	step("bcvt.lanhdao", "assign", documentsapi.Route{ToUserID: ids["bcvt.cv"], Note: "Đồng chí Viên xử lý"})
	back := step("bcvt.cv", "return", documentsapi.Reject{Reason: "Đề nghị bổ sung số liệu"})
	if last := back.Routing[len(back.Routing)-1]; last.Kind != "return" || last.ToUserID != ids["bcvt.lanhdao"] || last.Note != "Đề nghị bổ sung số liệu" {
		t.Fatalf("return %+v", last)
	}
	expectProblem(t, http.StatusForbidden, "POST", u+"/return", tok["bcvt.cv"], documentsapi.Reject{Reason: "Lần nữa"})
	step("bcvt.lanhdao", "assign", documentsapi.Route{ToUserID: ids["bcvt.cv"], Note: "Đã bổ sung, đề nghị xử lý"})

	var seen documentsapi.Document
	must(t, http.StatusOK, "GET", u, tok["ubnd.lanhdao"], nil, &seen)
	var kinds []string
	for _, st := range seen.Routing {
		kinds = append(kinds, st.Kind)
	}
	if want := []string{"forward", "propose", "forward", "direct", "assign", "assign", "return", "assign"}; !slices.Equal(kinds, want) {
		t.Fatalf("routing %v, want %v", kinds, want)
	}
	if seen.Routing[1].FromName != "Ngô Văn Chánh" || seen.Routing[1].Note != "Đề xuất giao Sở TTTT chủ trì" {
		t.Fatalf("proposal %+v", seen.Routing[1])
	}

	// SNV reads it from its for-information box.
	var box client.Page[documentsapi.Document]
	must(t, http.StatusOK, "GET", s.documents+"/v1/documents?box=for_information", tok["snv.lanhdao"], nil, &box)
	if len(box.Items) != 1 || box.Items[0].ID != d.ID {
		t.Fatalf("for-information box %+v", box.Items)
	}
	must(t, http.StatusOK, "POST", u+"/read", tok["snv.lanhdao"], nil, nil)
	must(t, http.StatusOK, "GET", s.documents+"/v1/documents?box=for_information", tok["snv.lanhdao"], nil, &box)
	if len(box.Items) != 0 {
		t.Fatalf("read, still in the box: %+v", box.Items)
	}

	// Each step told its next person.
	for _, who := range []string{"vp.chanh", "ubnd.lanhdao", "ubnd.pct", "stttt.lanhdao", "bcvt.lanhdao", "bcvt.cv", "snv.lanhdao"} {
		eventually(t, 30*time.Second, who+" told", func() bool {
			var got client.Page[notificationsapi.Notification]
			must(t, http.StatusOK, "GET", s.notifications+"/v1/notifications", tok[who], nil, &got)
			return slices.ContainsFunc(got.Items, func(n notificationsapi.Notification) bool {
				return n.Type == "document.routed" && n.Link == "/documents/"+d.ID
			})
		})
	}

	// The direction made STTTT's task; its leader hands it to the
	// specialist, who reports.
	var st tasksapi.Task
	eventually(t, 30*time.Second, "STTTT's task", func() bool {
		var got client.Page[tasksapi.Task]
		must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox&source_document_id="+d.ID, tok["stttt.lanhdao"], nil, &got)
		if len(got.Items) == 1 {
			st = got.Items[0]
		}
		return st.ID != ""
	})
	var child tasksapi.Task
	eventually(t, 30*time.Second, "delegated to the specialist", func() bool {
		code, _ := call(t, "POST", s.tasks+"/v1/tasks/"+st.ID+"/delegate", tok["stttt.lanhdao"],
			tasksapi.Delegation{AssigneeUnitID: div.ID, AssigneeUserID: ids["bcvt.cv"], DueDate: due, Note: "Theo bút phê"}, &child)
		return code == http.StatusCreated
	})
	must(t, http.StatusCreated, "POST", s.tasks+"/v1/tasks/"+child.ID+"/reports", tok["bcvt.cv"],
		tasksapi.NewReport{ProgressPercent: new(100), Summary: "Đã triển khai nền tảng số", Final: new(true)}, nil)
}
