// Package e2e runs the whole system as a user would: the stack's binaries
// on free ports over the embedded broker, driven through the public API.
package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
)

// org is the province of the test: the UBND with its office, two
// departments that receive the directive and one that does not.
type org struct {
	units map[string]identityapi.Unit // by short name
	users map[string]string           // username → token
}

const password = "Mat-khau-an-toan-2026"

func seed(t *testing.T, s *stack, admin string) org {
	t.Helper()
	o := org{units: map[string]identityapi.Unit{}, users: map[string]string{}}
	mkUnit := func(kind, name, short, parent string) {
		var u identityapi.Unit
		body := identityapi.NewUnit{Kind: kind, Name: name, ShortName: short, ParentID: o.units[parent].ID}
		must(t, http.StatusCreated, "POST", s.identity+"/v1/units", admin, body, &u)
		o.units[short] = u
	}
	mkUnit("agency", "Ủy ban nhân dân tỉnh Khánh Hòa", "UBND", "")
	mkUnit("division", "Văn phòng Ủy ban nhân dân tỉnh", "VPUBND", "UBND")
	mkUnit("agency", "Sở Thông tin và Truyền thông", "STTTT", "UBND")
	mkUnit("agency", "Sở Nội vụ", "SNV", "UBND")
	mkUnit("agency", "Sở Y tế", "SYT", "UBND")

	people := []struct{ username, name, unit, role string }{
		{"ubnd.chuyenvien", "Nguyễn Văn An", "UBND", "specialist"},
		{"ubnd.lanhdao", "Trần Thị Bình", "UBND", "leader"},
		{"ubnd.vanthu", "Lê Văn Cường", "VPUBND", "clerk"},
		{"stttt.lanhdao", "Phạm Minh Dũng", "STTTT", "leader"},
		{"stttt.chuyenvien", "Hoàng Thị Em", "STTTT", "specialist"},
		{"snv.lanhdao", "Võ Văn Giang", "SNV", "leader"},
		{"syt.lanhdao", "Đặng Thị Hoa", "SYT", "leader"},
	}
	for _, p := range people {
		must(t, http.StatusCreated, "POST", s.identity+"/v1/users", admin, identityapi.NewUser{
			Username: p.username, FullName: p.name, Email: p.username + "@khanhhoa.gov.vn",
			UnitID: o.units[p.unit].ID, Roles: []string{p.role}, Password: password,
		}, nil)
	}
	for _, p := range people {
		o.users[p.username] = login(t, s.identity, p.username, password)
	}
	return o
}

// TestDirectiveFlow is the walking skeleton: a directive issued to two
// departments becomes one task for each, and a notification to each
// department's leader, in one trace across the four services.
func TestDirectiveFlow(t *testing.T) {
	col := newCollector(t)
	s := startStack(t,
		"OTEL_EXPORTER_OTLP_ENDPOINT="+col.srv.URL,
		"OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
		"OTEL_BSP_SCHEDULE_DELAY=100",
	)
	t.Logf("measured: stack start-up to ready: %s", s.started)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	tok := o.users

	due := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	var doc documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", tok["ubnd.chuyenvien"], documentsapi.NewDocument{
		Kind: "directive", Summary: "Về việc nâng cao Chỉ số PAPI năm 2026", Body: "Các sở, ngành triển khai các giải pháp…",
		Urgency: "urgent", Recipients: []string{o.units["STTTT"].ID, o.units["SNV"].ID}, DueDate: due,
	}, &doc)
	if doc.Status != "draft" {
		t.Fatalf("new document status %q", doc.Status)
	}
	docURL := s.documents + "/v1/documents/" + doc.ID
	must(t, http.StatusOK, "POST", docURL+"/submit", tok["ubnd.chuyenvien"], nil, nil)
	must(t, http.StatusOK, "POST", docURL+"/approve", tok["ubnd.lanhdao"], map[string]any{}, nil)
	issuedAt := time.Now()
	must(t, http.StatusOK, "POST", docURL+"/issue", tok["ubnd.vanthu"], nil, &doc)
	if doc.Status != "issued" || doc.Number != 1 || doc.Notation != "01/CT-UBND" {
		t.Fatalf("issued document: %+v, want number 1, notation 01/CT-UBND", doc)
	}

	// Each recipient's leader is told of the new task.
	for _, leader := range []string{"stttt.lanhdao", "snv.lanhdao"} {
		var got client.Page[notificationsapi.Notification]
		took := eventually(t, 20*time.Second, leader+" notified", func() bool {
			must(t, http.StatusOK, "GET", s.notifications+"/v1/notifications", tok[leader], nil, &got)
			return len(got.Items) > 0
		})
		t.Logf("measured: directive issued → %s sees the notification: %s (since issue: %s)", leader, took, time.Since(issuedAt))
		if len(got.Items) != 1 || got.Items[0].Type != "task.assigned" || !strings.HasPrefix(got.Items[0].Link, "/tasks/") {
			t.Fatalf("%s notifications: %+v", leader, got.Items)
		}
	}
	// Each recipient unit holds exactly one task for the directive.
	for _, short := range []string{"STTTT", "SNV"} {
		leader := strings.ToLower(short) + ".lanhdao"
		var got client.Page[tasksapi.Task]
		must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox", tok[leader], nil, &got)
		if len(got.Items) != 1 {
			t.Fatalf("%s inbox: %+v, want one task", short, got.Items)
		}
		tk := got.Items[0]
		if tk.SourceDocumentID != doc.ID || tk.AssigneeUnitID != o.units[short].ID || tk.AssignerUnitID != o.units["UBND"].ID ||
			tk.DueDate != due || tk.Status != "assigned" || tk.Class != "open_within_deadline" {
			t.Fatalf("%s task: %+v", short, tk)
		}
		must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks/"+tk.ID, tok[leader], nil, nil)
		must(t, http.StatusNotFound, "GET", s.tasks+"/v1/tasks/"+tk.ID, tok["syt.lanhdao"], nil, nil)
	}
	// The issuer sees both tasks in its outbox.
	var outbox client.Page[tasksapi.Task]
	must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=outbox", tok["ubnd.lanhdao"], nil, &outbox)
	if len(outbox.Items) != 2 {
		t.Fatalf("UBND outbox: %+v, want two tasks", outbox.Items)
	}
	// A unit that is not a recipient gets nothing.
	var none client.Page[tasksapi.Task]
	must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox", tok["syt.lanhdao"], nil, &none)
	var noneN client.Page[notificationsapi.Notification]
	must(t, http.StatusOK, "GET", s.notifications+"/v1/notifications", tok["syt.lanhdao"], nil, &noneN)
	if len(none.Items) != 0 || len(noneN.Items) != 0 {
		t.Fatalf("non-recipient got tasks %+v, notifications %+v", none.Items, noneN.Items)
	}
	// The recipients see the document in their incoming box.
	var incoming client.Page[documentsapi.Document]
	must(t, http.StatusOK, "GET", s.documents+"/v1/documents?box=incoming", tok["stttt.chuyenvien"], nil, &incoming)
	if len(incoming.Items) != 1 || incoming.Items[0].ID != doc.ID {
		t.Fatalf("STTTT incoming: %+v", incoming.Items)
	}

	checkTrace(t, col)
}

// checkTrace finds the trace of the issue call and checks it runs through
// the documents publish, the tasks consumer, the task.assigned publish and
// the notifications consumer, each consumer span the child of a producer
// span of the step before (a directive to two units publishes two
// task.assigned events, so a step may have several spans).
func checkTrace(t *testing.T, col *collector) {
	t.Helper()
	steps := []struct {
		service, topic string
		kind           tracepb.Span_SpanKind
	}{
		{"documents", "eoffice.documents.v1", tracepb.Span_SPAN_KIND_PRODUCER},
		{"tasks", "eoffice.documents.v1", tracepb.Span_SPAN_KIND_CONSUMER},
		{"tasks", "eoffice.tasks.v1", tracepb.Span_SPAN_KIND_PRODUCER},
		{"notifications", "eoffice.tasks.v1", tracepb.Span_SPAN_KIND_CONSUMER},
	}
	var chain []span
	eventually(t, 20*time.Second, "the issue trace to reach notifications", func() bool {
		issue, ok := col.find(func(s span) bool {
			return s.Service == "documents" && s.Kind == tracepb.Span_SPAN_KIND_SERVER && strings.Contains(s.Name, "/issue")
		})
		if !ok {
			return false
		}
		spans := col.trace(issue.TraceID)
		chain = []span{issue}
		prev := map[string]bool{}
		for _, st := range steps {
			cur := map[string]bool{}
			var first *span
			for i, sp := range spans {
				if sp.Service != st.service || sp.Kind != st.kind || !strings.Contains(sp.Name, st.topic) {
					continue
				}
				if st.kind == tracepb.Span_SPAN_KIND_CONSUMER && !prev[sp.ParentID] {
					continue // a consumer span must hang under a producer span of the step before
				}
				cur[sp.SpanID] = true
				if first == nil {
					first = &spans[i]
				}
			}
			if first == nil {
				return false
			}
			chain = append(chain, *first)
			prev = cur
		}
		return true
	})
	var names []string
	for _, s := range chain {
		names = append(names, fmt.Sprintf("%s:%s", s.Service, s.Name))
	}
	t.Logf("one trace %s: %s", chain[0].TraceID, strings.Join(names, " → "))
}
