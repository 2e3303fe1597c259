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

	// The direction made STTTT's task and the routing moved it: delegated
	// to the division by the first assign, to the specialist by the
	// second, cancelled by their return and theirs again by the last
	// assign; nobody called delegate. The specialist reports on it.
	var mine tasksapi.Task
	eventually(t, 30*time.Second, "the specialist's task", func() bool {
		var got client.Page[tasksapi.Task]
		must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox&source_document_id="+d.ID, tok["bcvt.cv"], nil, &got)
		for _, x := range got.Items {
			if x.AssigneeUserID == ids["bcvt.cv"] && x.Status == "assigned" {
				mine = x
			}
		}
		return mine.ID != ""
	})
	if mine.AssigneeUnitID != div.ID || mine.DueDate != due || mine.ParentTaskID == "" {
		t.Fatalf("the specialist's task %+v", mine)
	}
	var detail tasksapi.TaskDetail
	must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks/"+mine.ID, tok["bcvt.cv"], nil, &detail)
	var actions []string
	for _, h := range detail.History {
		actions = append(actions, h.Action)
	}
	if want := []string{"assigned", "cancelled", "assigned"}; !slices.Equal(actions, want) {
		t.Fatalf("the specialist's task history %v, want %v", actions, want)
	}
	must(t, http.StatusCreated, "POST", s.tasks+"/v1/tasks/"+mine.ID+"/reports", tok["bcvt.cv"],
		tasksapi.NewReport{ProgressPercent: new(100), Summary: "Đã triển khai nền tảng số", Final: new(true)}, nil)

	// A direction naming a lead person and a cooperating person: each
	// gets a task of their unit named to them.
	var d2 documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents/incoming", tok["ubnd.vanthu"], documentsapi.NewIncoming{
		Sender: documentsapi.Sender{Name: "Bộ Nội vụ"}, OriginalNotation: "55/BNV-CCVC", OriginalDate: "2026-01-06",
		Kind: "official_letter", Summary: "Về việc rà soát vị trí việc làm", Urgency: "normal",
	}, &d2)
	u = s.documents + "/v1/documents/" + d2.ID
	step("ubnd.lanhdao", "direct", documentsapi.Direct{LeadUserID: ids["bcvt.cv"], CooperatingUnitIDs: []string{},
		CooperatingUserIDs: []string{ids["vp.chanh"]}, DueDate: due, Note: "Đồng chí Viên chủ trì"})
	for _, want := range []struct{ who, role, unit string }{{"bcvt.cv", "lead", div.ID}, {"vp.chanh", "cooperate", o.units["VPUBND"].ID}} {
		eventually(t, 30*time.Second, want.who+"'s task", func() bool {
			var got client.Page[tasksapi.Task]
			must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox&source_document_id="+d2.ID, tok[want.who], nil, &got)
			return slices.ContainsFunc(got.Items, func(x tasksapi.Task) bool {
				return x.AssigneeUserID == ids[want.who] && x.Role == want.role && x.AssigneeUnitID == want.unit && x.DueDate == due
			})
		})
	}
	var directed documentsapi.Document
	must(t, http.StatusOK, "GET", u, tok["ubnd.lanhdao"], nil, &directed)
	for _, r := range directed.Receipts {
		if r.Direction != nil && (r.Direction.LeadUserID != ids["bcvt.cv"] || r.Direction.LeadUnitID != div.ID ||
			!slices.Equal(r.Direction.CooperatingUserIDs, []string{ids["vp.chanh"]})) {
			t.Fatalf("direction %+v", r.Direction)
		}
	}
}
