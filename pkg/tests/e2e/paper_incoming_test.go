package e2e

import (
	"net/http"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TestPaperIncomingFlow: a document that came on paper, registered by a
// clerk, takes the next number of the incoming series it shares with
// internal documents, and flows on as any incoming document through the
// running stack: directed, its task made by the tasks service, reported
// and accepted, its receipt done.
func TestPaperIncomingFlow(t *testing.T) {
	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	tok := o.users
	must(t, http.StatusCreated, "POST", s.identity+"/v1/users", admin, identityapi.NewUser{
		Username: "stttt.vanthu", FullName: "Vũ Văn Phúc", Email: "stttt.vanthu@khanhhoa.gov.vn",
		UnitID: o.units["STTTT"].ID, Roles: []string{"clerk"}, Password: password,
	}, nil)
	tok["stttt.vanthu"] = login(t, s.identity, "stttt.vanthu", password)

	var d documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents/incoming", tok["stttt.vanthu"], documentsapi.NewIncoming{
		Sender: documentsapi.Sender{Name: "Bộ Nội vụ"}, OriginalNotation: "125/BNV-CCHC", OriginalDate: "2026-01-05",
		Kind: "official_letter", Summary: "Về việc báo cáo cải cách hành chính", Urgency: "urgent", Pages: 2,
	}, &d)
	if d.Channel != "paper" || d.Notation != "125/BNV-CCHC" || d.Receipt == nil || d.Receipt.Status != "registered" ||
		d.Receipt.IncomingNumber != 1 {
		t.Fatalf("registered: %+v %+v", d, d.Receipt)
	}
	u := s.documents + "/v1/documents/" + d.ID
	must(t, http.StatusOK, "POST", u+"/direct", tok["stttt.lanhdao"], documentsapi.Direct{
		LeadUnitID: o.units["STTTT"].ID, DueDate: time.Now().AddDate(0, 1, 0).Format("2006-01-02"), Note: "Tham mưu báo cáo"}, &d)
	var mine tasksapi.Task
	eventually(t, 20*time.Second, "the direction's task", func() bool {
		var inbox client.Page[tasksapi.Task]
		must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox&source_document_id="+d.ID, tok["stttt.chuyenvien"], nil, &inbox)
		if len(inbox.Items) > 0 {
			mine = inbox.Items[0]
		}
		return len(inbox.Items) > 0
	})
	var report tasksapi.Report
	must(t, http.StatusCreated, "POST", s.tasks+"/v1/tasks/"+mine.ID+"/reports", tok["stttt.chuyenvien"],
		tasksapi.NewReport{ProgressPercent: new(100), Summary: "Đã báo cáo Bộ", Final: new(true)}, &report)
	must(t, http.StatusOK, "POST", s.tasks+"/v1/tasks/"+mine.ID+"/reports/"+report.ID+"/review", tok["stttt.lanhdao"],
		tasksapi.ReviewRequest{Decision: "accepted"}, nil)
	eventually(t, 20*time.Second, "the receipt done", func() bool {
		must(t, http.StatusOK, "GET", u, tok["stttt.lanhdao"], nil, &d)
		return d.Receipt.Status == "done"
	})
	var box client.Page[documentsapi.Document]
	must(t, http.StatusOK, "GET", s.documents+"/v1/documents?box=incoming&channel=paper", tok["stttt.lanhdao"], nil, &box)
	if len(box.Items) != 1 || box.Items[0].ID != d.ID || box.Items[0].Sender == nil || box.Items[0].Sender.Name != "Bộ Nội vụ" {
		t.Fatalf("incoming box: %+v", box.Items)
	}
}
