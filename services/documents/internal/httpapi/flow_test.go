package httpapi_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"regexp"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/events"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/consumer"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

type doc struct {
	ID           string   `json:"id"`
	Status       string   `json:"status"`
	Notation     string   `json:"notation"`
	Summary      string   `json:"summary"`
	Body         string   `json:"body"`
	Kind         string   `json:"kind"`
	Recipients   []string `json:"recipients"`
	RevokeReason string   `json:"revoke_reason"`
	InReplyTo    string   `json:"in_reply_to_document_id"`
	Items        []struct {
		ID         string `json:"id"`
		Title      string `json:"title"`
		LeadUnitID string `json:"lead_unit_id"`
	} `json:"items"`
	Receipt *struct {
		Status         string `json:"status"`
		IncomingNumber int64  `json:"incoming_number"`
		Direction      *struct {
			LeadUnitID string `json:"lead_unit_id"`
		} `json:"direction"`
	} `json:"receipt"`
	Attachments []struct {
		ID     string `json:"id"`
		SHA256 string `json:"sha256"`
	} `json:"attachments"`
}

// must sends and insists on the status, decoding the answer into out.
func (c client) expect(method, path, login string, body any, want int, out any) reply {
	c.t.Helper()
	r := c.do(method, path, login, body)
	if r.status != want {
		c.t.Fatalf("%s %s as %s: %d %s, want %d", method, path, login, r.status, r.raw, want)
	}
	if out != nil {
		r.json(c.t, out)
	}
	return r
}

func (c client) problem(method, path, login string, body any, want int, field, current string) {
	c.t.Helper()
	var p problem
	c.expect(method, path, login, body, want, &p)
	if field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != field) {
		c.t.Fatalf("%s %s: errors %+v, want field %s", method, path, p.Errors, field)
	}
	if current != "" && p.CurrentStatus != current {
		c.t.Fatalf("%s %s: current_status %q, want %q", method, path, p.CurrentStatus, current)
	}
}

// issued takes a draft through approval and issue.
func (c client) issued(drafter, leader, clerk string, body map[string]any) doc {
	c.t.Helper()
	var d doc
	c.expect("POST", "/v1/documents", drafter, body, 201, &d)
	c.expect("POST", "/v1/documents/"+d.ID+"/submit", drafter, nil, 200, nil)
	c.expect("POST", "/v1/documents/"+d.ID+"/approve", leader, nil, 200, nil)
	c.expect("POST", "/v1/documents/"+d.ID+"/issue", clerk, nil, 200, &d)
	return d
}

func TestPlanIncomingReportFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		// UBND directs STTTT (and its division PB) and SNV.
		dir := c.issued("ubnd.cv", "ubnd.ld", "ubnd.vt", map[string]any{"kind": "directive",
			"summary": "Về việc nâng cao Chỉ số PAPI, tiếp nhận phản ánh", "body": "Đẩy mạnh công tác tiếp nhận phản ánh, kiến nghị",
			"urgency": "flash", "recipients": []string{id("STTTT"), id("PB"), id("SNV")}, "due_date": "2026-12-31"})
		normal := c.issued("ubnd.cv", "ubnd.ld", "ubnd.vt", map[string]any{"kind": "notice", "summary": "Thông báo lịch họp",
			"recipients": []string{id("STTTT")}})

		// Incoming: flash first, with its receipt status.
		var box struct {
			Items []struct {
				ID            string `json:"id"`
				ReceiptStatus string `json:"receipt_status"`
			} `json:"items"`
		}
		c.expect("GET", "/v1/documents?box=incoming", "stttt.vt", nil, 200, &box)
		if len(box.Items) != 2 || box.Items[0].ID != dir.ID || box.Items[1].ID != normal.ID || box.Items[0].ReceiptStatus != "received" {
			t.Fatalf("incoming %+v", box.Items)
		}
		// Search, accent and case blind, combined with filters.
		for q, want := range map[string]int{"phan anh": 1, "PHẢN ÁNH": 1, "tiep nhan": 1, "lich hop": 1, "đẩy mạnh": 1, "day manh": 1, "khong co": 0, "%_%": 0} {
			c.expect("GET", "/v1/documents?box=incoming&q="+urlq(q), "stttt.vt", nil, 200, &box)
			if len(box.Items) != want {
				t.Errorf("q=%q: %d results, want %d", q, len(box.Items), want)
			}
		}
		c.expect("GET", "/v1/documents?box=incoming&q=phan+anh&kind=notice", "stttt.vt", nil, 200, &box)
		if len(box.Items) != 0 {
			t.Fatalf("kind filter with q: %+v", box.Items)
		}

		// Register: clerk of a recipient agency only, once.
		c.problem("POST", "/v1/documents/"+dir.ID+"/direct", "stttt.ld", map[string]any{"lead_unit_id": id("PB"), "due_date": "2026-11-30"}, 409, "", "received")
		c.problem("POST", "/v1/documents/"+dir.ID+"/register", "stttt.ld", nil, 403, "", "")
		c.problem("POST", "/v1/documents/"+dir.ID+"/register", "ubnd.vt", nil, 403, "", "")
		c.problem("POST", "/v1/documents/"+dir.ID+"/register", "syt.ld", nil, 404, "", "")
		c.problem("POST", "/v1/documents/"+dir.ID+"/register", "", nil, 401, "", "")
		var d doc
		c.expect("POST", "/v1/documents/"+normal.ID+"/register", "stttt.vt", nil, 200, &d)
		c.expect("POST", "/v1/documents/"+dir.ID+"/register", "stttt.vt", nil, 200, &d)
		if d.Receipt == nil || d.Receipt.Status != "registered" || d.Receipt.IncomingNumber != 2 {
			t.Fatalf("registered receipt %+v", d.Receipt)
		}
		c.problem("POST", "/v1/documents/"+dir.ID+"/register", "stttt.vt", nil, 409, "", "registered")
		c.expect("POST", "/v1/documents/"+dir.ID+"/register", "snv.ld", nil, 403, nil)
		// The incoming box shows số đến and ngày đến of the caller's receipt.
		var registered struct {
			Items []struct {
				ID      string `json:"id"`
				Receipt *struct {
					Status         string     `json:"status"`
					IncomingNumber int64      `json:"incoming_number"`
					RegisteredAt   *time.Time `json:"registered_at"`
					AgencyID       string     `json:"agency_id"`
				} `json:"receipt"`
			} `json:"items"`
		}
		c.expect("GET", "/v1/documents?box=incoming", "stttt.vt", nil, 200, &registered)
		numbers := map[string]int64{}
		for _, it := range registered.Items {
			if it.Receipt == nil || it.Receipt.Status != "registered" || it.Receipt.RegisteredAt == nil || it.Receipt.AgencyID != id("STTTT") {
				t.Fatalf("incoming box item %s: receipt %+v", it.ID, it.Receipt)
			}
			numbers[it.ID] = it.Receipt.IncomingNumber
		}
		if numbers[normal.ID] != 1 || numbers[dir.ID] != 2 {
			t.Fatalf("số đến in the box: %v", numbers)
		}

		// Direct: bad input is 400 and changes nothing.
		before := e.Count(t, "outbox")
		for _, bad := range []struct {
			body  any
			field string
		}{
			{map[string]any{"due_date": "2026-11-30"}, "lead_unit_id"},
			{map[string]any{"lead_unit_id": id("PB"), "due_date": "30/11/2026"}, "due_date"},
			{map[string]any{"lead_unit_id": id("PB"), "cooperating_unit_ids": []string{id("PB")}}, "cooperating_unit_ids"},
			{map[string]any{"lead_unit_id": id("SNV")}, "lead_unit_id"},
			{map[string]any{"lead_unit_id": "0190a000-0000-7000-8000-0000000000ff"}, "lead_unit_id"},
			{map[string]any{"lead_unit_id": id("PB"), "extra": 1}, "extra"},
		} {
			c.problem("POST", "/v1/documents/"+dir.ID+"/direct", "stttt.ld", bad.body, 400, bad.field, "")
		}
		if e.Count(t, "outbox") != before {
			t.Fatal("a refused direction wrote events")
		}
		c.problem("POST", "/v1/documents/"+dir.ID+"/direct", "stttt.cv", map[string]any{"lead_unit_id": id("PB")}, 403, "", "")
		c.expect("POST", "/v1/documents/"+dir.ID+"/direct", "stttt.ld", map[string]any{"lead_unit_id": id("PB"), "cooperating_unit_ids": []string{id("STTTT")},
			"note": "Phòng Bưu chính chủ trì"}, 200, &d)
		if d.Receipt.Status != "directed" || d.Receipt.Direction == nil || d.Receipt.Direction.LeadUnitID != id("PB") {
			t.Fatalf("directed %+v", d.Receipt)
		}
		var directed eventsv1.DocumentDirected
		last := e.Outbox(t)[len(e.Outbox(t))-1]
		if last.Type != "vn.eoffice.document.directed" || protojson.Unmarshal([]byte(last.Data), &directed) != nil ||
			directed.DueDate != "2026-12-31" || directed.RecipientAgencyId != id("STTTT") || len(directed.CooperatingUnitIds) != 1 {
			t.Fatalf("directed event %s %s", last.Type, last.Data)
		}

		// The receipt is done when both tasks of the direction have ended.
		feed := taskFeed(t, e)
		feed(events.TaskAssigned, &eventsv1.TaskAssigned{TaskId: "t-issuer", SourceDocumentId: dir.ID, AssignerUnitId: id("UBND"), AssigneeUnitId: id("STTTT"), Role: "lead"})
		feed(events.TaskCompleted, &eventsv1.TaskCompleted{Task: &eventsv1.TaskRef{TaskId: "t-issuer", SourceDocumentId: dir.ID, AssignerUnitId: id("UBND"), Status: "completed"}})
		feed(events.TaskCompleted, &eventsv1.TaskCompleted{Task: &eventsv1.TaskRef{TaskId: "t1", SourceDocumentId: dir.ID, AssignerUnitId: id("STTTT"), Role: "lead", Status: "completed"}})
		c.expect("GET", "/v1/documents/"+dir.ID, "stttt.vt", nil, 200, &d)
		if d.Receipt.Status != "directed" {
			t.Fatalf("done after one of two tasks: %+v", d.Receipt)
		}
		feed(events.TaskCancelled, &eventsv1.TaskCancelled{Task: &eventsv1.TaskRef{TaskId: "t2", SourceDocumentId: dir.ID, AssignerUnitId: id("STTTT"), Role: "cooperate", Status: "cancelled"}})
		c.expect("GET", "/v1/documents/"+dir.ID, "stttt.vt", nil, 200, &d)
		if d.Receipt.Status != "done" {
			t.Fatalf("receipt %+v, want done", d.Receipt)
		}
		c.expect("GET", "/v1/documents?box=incoming&status=done", "stttt.ld", nil, 200, &box)
		if len(box.Items) != 1 || box.Items[0].ID != dir.ID {
			t.Fatalf("done box %+v", box.Items)
		}

		// STTTT's plan implementing the directive: items name units that
		// become recipients.
		item := func(title, lead string, coop ...string) map[string]any {
			if coop == nil {
				coop = []string{}
			}
			return map[string]any{"title": title, "lead_unit_id": lead, "cooperating_unit_ids": coop, "due_date": "2026-06-30",
				"report_cadence": "quarterly", "indicator": map[string]any{"name": "PAPI trục 4", "target": "≥ 6,5"}}
		}
		plan := map[string]any{"kind": "plan", "summary": "Kế hoạch thực hiện Chỉ thị PAPI", "recipients": []string{id("SNV")},
			"implements_document_id": dir.ID, "items": []any{item("Tuyên truyền PAPI", id("PB"), id("SYT")), item("Cổng thông tin", id("SNV"))}}
		docsBefore := e.Count(t, "documents")
		for _, bad := range []struct {
			edit  func(map[string]any)
			field string
		}{
			{func(m map[string]any) { m["items"] = []any{item("", id("PB"))} }, "items[0].title"},
			{func(m map[string]any) { m["items"] = []any{item("x", id("PB"), id("PB"))} }, "items[0].cooperating_unit_ids"},
			{func(m map[string]any) {
				it := item("x", id("PB"))
				it["due_date"] = "2026-02-30"
				m["items"] = []any{it}
			}, "items[0].due_date"},
			{func(m map[string]any) {
				it := item("x", id("PB"))
				it["report_cadence"] = "daily"
				m["items"] = []any{it}
			}, "items[0].report_cadence"},
			{func(m map[string]any) { m["items"] = []any{item("x", "0190a000-0000-7000-8000-0000000000ff")} }, "recipients"},
			{func(m map[string]any) { m["items"] = []any{item(strings.Repeat("a", 501), id("PB"))} }, "items[0].title"},
			{func(m map[string]any) { m["kind"] = "directive" }, "items"},
			{func(m map[string]any) { m["implements_document_id"] = normal.ID }, "implements_document_id"},
			{func(m map[string]any) {
				many := make([]any, 2001)
				for i := range many {
					many[i] = item("x", id("PB"))
				}
				m["items"] = many
			}, "items"},
		} {
			body := map[string]any{}
			for k, v := range plan {
				body[k] = v
			}
			bad.edit(body)
			c.problem("POST", "/v1/documents", "stttt.cv", body, 400, bad.field, "")
		}
		if e.Count(t, "documents") != docsBefore {
			t.Fatal("a refused plan was stored")
		}
		var p doc
		c.expect("POST", "/v1/documents", "stttt.cv", plan, 201, &p)
		if len(p.Items) != 2 || p.Items[0].ID == "" || fmt.Sprint(p.Recipients) != fmt.Sprint([]string{id("SNV"), id("PB"), id("SYT")}) {
			t.Fatalf("plan %+v", p)
		}

		// PATCH: the drafter edits the draft; others may not.
		c.problem("PATCH", "/v1/documents/"+p.ID, "stttt.ld", map[string]any{"summary": "x"}, 403, "", "")
		c.problem("PATCH", "/v1/documents/"+p.ID, "snv.ld", map[string]any{"summary": "x"}, 404, "", "")
		c.problem("PATCH", "/v1/documents/"+p.ID, "stttt.cv", map[string]any{"summary": ""}, 400, "summary", "")
		c.problem("PATCH", "/v1/documents/"+p.ID, "stttt.cv", map[string]any{"summary": 5}, 400, "summary", "")
		c.expect("PATCH", "/v1/documents/"+p.ID, "stttt.cv", map[string]any{"summary": "Kế hoạch PAPI năm 2026", "body": "Phản ánh"}, 200, &p)
		if p.Summary != "Kế hoạch PAPI năm 2026" || p.Body != "Phản ánh" || len(p.Items) != 2 {
			t.Fatalf("patched %+v", p)
		}

		// Attachments on the draft.
		pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 1000)...)
		var att struct {
			ID     string `json:"id"`
			SHA256 string `json:"sha256"`
			Size   int64  `json:"size"`
		}
		upload(t, e, p.ID, "stttt.cv", "Phụ lục kế hoạch.pdf", "application/pdf", pdf, "k1", 201, &att)
		sum := sha256.Sum256(pdf)
		if att.SHA256 != hex.EncodeToString(sum[:]) || att.Size != int64(len(pdf)) {
			t.Fatalf("attachment %+v", att)
		}
		var again struct{ ID string }
		upload(t, e, p.ID, "stttt.cv", "Phụ lục kế hoạch.pdf", "application/pdf", pdf, "k1", 201, &again)
		if again.ID != att.ID || e.Count(t, "attachments") != 1 {
			t.Fatalf("same Idempotency-Key made a second attachment")
		}
		upload(t, e, p.ID, "stttt.cv", "x.pdf", "application/pdf", []byte("not a pdf at all"), "", 400, nil)
		upload(t, e, p.ID, "stttt.cv", "x.exe", "application/x-msdownload", []byte("MZ"), "", 400, nil)
		upload(t, e, p.ID, "stttt.cv", "big.pdf", "application/pdf", append([]byte("%PDF-"), make([]byte, testenv.MaxAttachment)...), "", 413, nil)
		upload(t, e, p.ID, "stttt.ld", "x.pdf", "application/pdf", pdf, "", 403, nil)
		upload(t, e, p.ID, "snv.ld", "x.pdf", "application/pdf", pdf, "", 404, nil)
		upload(t, e, p.ID, "", "x.pdf", "application/pdf", pdf, "", 401, nil)
		if e.Count(t, "attachments") != 1 {
			t.Fatal("a refused upload was recorded")
		}
		r := c.expect("GET", "/v1/documents/"+p.ID+"/attachments/"+att.ID, "stttt.ld", nil, 200, nil)
		if !bytes.Equal(r.raw, pdf) || r.ctype != "application/pdf" {
			t.Fatalf("download %d bytes %s", len(r.raw), r.ctype)
		}
		c.problem("GET", "/v1/documents/"+p.ID+"/attachments/"+att.ID, "snv.ld", nil, 404, "", "")
		c.problem("GET", "/v1/documents/"+p.ID+"/attachments/nope", "stttt.ld", nil, 404, "", "")

		// Issue: document.issued and one plan.item_issued per item, keyed by the plan.
		c.expect("POST", "/v1/documents/"+p.ID+"/submit", "stttt.cv", nil, 200, nil)
		c.problem("PATCH", "/v1/documents/"+p.ID, "stttt.cv", map[string]any{"summary": "x"}, 409, "", "pending_approval")
		c.expect("POST", "/v1/documents/"+p.ID+"/approve", "stttt.ld", nil, 200, nil)
		c.expect("POST", "/v1/documents/"+p.ID+"/issue", "stttt.vt", nil, 200, &p)
		var itemEvents []*eventsv1.PlanItemIssued
		for _, row := range e.Outbox(t) {
			if row.Type == "vn.eoffice.plan.item_issued" {
				var ev eventsv1.PlanItemIssued
				if err := protojson.Unmarshal([]byte(row.Data), &ev); err != nil || row.Key != p.ID || len(row.Data) > 10_000 {
					t.Fatalf("item event %s %s", row.Key, row.Data)
				}
				itemEvents = append(itemEvents, &ev)
			}
		}
		if len(itemEvents) != 2 || itemEvents[0].ItemNumber != 1 || itemEvents[1].LeadUnitId != id("SNV") || itemEvents[0].PlanNotation != p.Notation {
			t.Fatalf("item events %+v", itemEvents)
		}
		c.problem("POST", "/v1/documents/"+p.ID+"/attachments", "stttt.cv", nil, 400, "", "")

		// Consolidated report from the task read model.
		// The first item's newest report arrives before an older one.
		p1 := &eventsv1.TaskRef{TaskId: "p1", SourceDocumentId: p.ID, PlanItemId: p.Items[0].ID, AssignerUnitId: id("STTTT"),
			AssigneeUnitId: id("PB"), Role: "lead", DueDate: "2026-06-30", Status: "in_progress"}
		feed(events.TaskReportSubmitted, &eventsv1.TaskReportSubmitted{ProgressPercent: 40, Task: p1, SubmittedAt: "2026-02-10T03:00:00Z",
			Summary: "Đã tổ chức 2 hội nghị tuyên truyền", Result: "Đạt 40% chỉ tiêu,\n1.200 lượt người tham dự"})
		feed(events.TaskReportSubmitted, &eventsv1.TaskReportSubmitted{ProgressPercent: 10, Task: p1, SubmittedAt: "2026-01-10T03:00:00Z",
			Summary: "Đang xây dựng kế hoạch", Result: "Chưa có số liệu"})
		c.problem("POST", "/v1/documents/"+p.ID+"/consolidated-report", "snv.ld", nil, 403, "", "")
		c.problem("POST", "/v1/documents/"+dir.ID+"/consolidated-report", "ubnd.cv", nil, 409, "", "issued")
		var rep doc
		req := func(key string) reply {
			hreq, _ := http.NewRequest("POST", e.Server.URL+"/v1/documents/"+p.ID+"/consolidated-report", nil)
			hreq.Header.Set("Authorization", "Bearer "+e.Token("stttt.cv"))
			hreq.Header.Set("Idempotency-Key", key)
			resp, err := http.DefaultClient.Do(hreq)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			return reply{status: resp.StatusCode, raw: raw}
		}
		r = req("rep-1")
		if r.status != 201 {
			t.Fatalf("report %d %s", r.status, r.raw)
		}
		r.json(t, &rep)
		if rep.Kind != "report" || rep.Status != "draft" || rep.InReplyTo != dir.ID || fmt.Sprint(rep.Recipients) != "["+id("UBND")+"]" ||
			!strings.Contains(rep.Body, "Tuyên truyền PAPI") || !strings.Contains(rep.Body, "40%") ||
			!strings.Contains(rep.Body, "Phòng Bưu chính") || !strings.Contains(rep.Body, "chưa có báo cáo") ||
			!strings.Contains(rep.Body, "- Báo cáo gần nhất: Đã tổ chức 2 hội nghị tuyên truyền\n") ||
			!strings.Contains(rep.Body, "- Kết quả: Đạt 40% chỉ tiêu, 1.200 lượt người tham dự\n") ||
			strings.Contains(rep.Body, "Đang xây dựng kế hoạch") || strings.Contains(rep.Body, "Chưa có số liệu") {
			t.Fatalf("report %+v", rep)
		}
		// Officials' words: the plan cited with its date, classes by name,
		// dates as dd/mm/yyyy, no code.
		if !regexp.MustCompile(`Kế hoạch số \S+ ngày \d\d/\d{1,2}/\d{4}`).MatchString(rep.Body) ||
			!strings.Contains(rep.Body, "Tình trạng: Đang thực hiện") ||
			regexp.MustCompile(`\d{4}-\d\d-\d\d|_on_time|open_|completed_`).MatchString(rep.Body+rep.Summary) {
			t.Fatalf("report not in officials' words:\n%s", rep.Body)
		}
		var rep2 doc
		req("rep-1").json(t, &rep2)
		if rep2.ID != rep.ID {
			t.Fatal("Idempotency-Key made a second report")
		}

		// Revoke: the issuing agency's leader, with a reason.
		c.problem("POST", "/v1/documents/"+p.ID+"/revoke", "stttt.cv", map[string]any{"reason": "sai"}, 403, "", "")
		c.problem("POST", "/v1/documents/"+p.ID+"/revoke", "stttt.ld", map[string]any{"reason": " "}, 400, "reason", "")
		c.problem("POST", "/v1/documents/"+rep.ID+"/revoke", "stttt.ld", map[string]any{"reason": "sai"}, 409, "", "draft")
		c.expect("POST", "/v1/documents/"+p.ID+"/revoke", "stttt.ld", map[string]any{"reason": "Thay thế bằng kế hoạch khác"}, 200, &p)
		if p.Status != "revoked" || p.RevokeReason != "Thay thế bằng kế hoạch khác" {
			t.Fatalf("revoked %+v", p)
		}
		c.problem("POST", "/v1/documents/"+p.ID+"/revoke", "stttt.ld", map[string]any{"reason": "x"}, 409, "", "revoked")
		c.problem("POST", "/v1/documents/"+p.ID+"/register", "snv.ld", nil, 403, "", "")
		if rows := e.Outbox(t); rows[len(rows)-1].Type != "vn.eoffice.document.revoked" {
			t.Fatalf("last event %s", rows[len(rows)-1].Type)
		}
		var hist struct{ Items []struct{ Action string } }
		c.expect("GET", "/v1/documents/"+dir.ID+"/history", "stttt.ld", nil, 200, &hist)
		var acts []string
		for _, h := range hist.Items {
			acts = append(acts, h.Action)
		}
		if got := strings.Join(acts, ","); got != "create,submit,approve,issue,register,direct" {
			t.Fatalf("history %s", got)
		}
	})
}

func urlq(s string) string { return strings.NewReplacer(" ", "+", "%", "%25").Replace(s) }

// taskFeed hands task events to the service's consumer handlers, in a
// transaction as the runtime's inbox would.
func taskFeed(t *testing.T, e *testenv.Env) func(short string, m proto.Message) {
	hs := consumer.Handlers(app.NewTaskViews(), e.Store.TaskWrites)
	return func(short string, m proto.Message) {
		t.Helper()
		ev, err := envelope.New(context.Background(), "/eoffice/tasks", short, "k", m)
		if err != nil {
			t.Fatal(err)
		}
		ev.Time = time.Now()
		if err := e.DB.InTx(context.Background(), func(ctx context.Context, tx *pkgstore.Tx) error {
			return hs[short](ctx, tx, ev)
		}); err != nil {
			t.Fatalf("%s: %v", short, err)
		}
	}
}

func upload(t *testing.T, e *testenv.Env, docID, login, name, ctype string, content []byte, key string, want int, out any) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+name+`"`)
	h.Set("Content-Type", ctype)
	pw, _ := mw.CreatePart(h)
	_, _ = pw.Write(content)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", e.Server.URL+"/v1/documents/"+docID+"/attachments", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if login != "" {
		req.Header.Set("Authorization", "Bearer "+e.Token(login))
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("upload %s as %s: %d %s, want %d", name, login, resp.StatusCode, raw, want)
	}
	if out != nil {
		reply{raw: raw}.json(t, out)
	}
}

// TestSearchTooShort: a search shorter than the trigram indexes serve (3
// characters once folded: "Đ" is "d") is refused with 400 naming q rather
// than answered by scanning every document; blank is no search.
func TestSearchTooShort(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		c.must(201, "POST", "/v1/documents", "ubnd.cv", validBody(), nil)
		for _, tt := range []struct {
			q      string
			status int
		}{
			{"a", 400}, {"ab", 400}, {"Đ", 400}, {"  ạb  ", 400}, {"%", 400}, {"%_", 400},
			{"", 200}, {"   ", 200}, {"abc", 200}, {"đẩy", 200}, {"a b", 200},
		} {
			path := "/v1/documents?box=outgoing&q=" + urlq(tt.q)
			if tt.status == 400 {
				c.problem("GET", path, "ubnd.cv", nil, 400, "q", "")
			} else {
				c.must(tt.status, "GET", path, "ubnd.cv", nil, nil)
			}
		}
	})
}
