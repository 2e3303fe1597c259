package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/notifications/notificationsapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// The callers of the matrix: each role of the unit the route acts for
// ("own"), the same roles of an unrelated agency ("foreign", starred), the
// bootstrap administrator, an integration client with every scope, and no
// token at all.
var authzCallers = []string{"admin", "client", "anon", "L", "C", "S", "L*", "C*", "S*"}

// authzRow is one /v1 route. path makes a fresh fixture for each caller,
// so a caller that succeeds does not change what the next one meets.
type authzRow struct {
	route string // method and pattern, as in openapi.json
	own   string // the unit whose staff are "own": UBND or STTTT
	path  func(fx *authzFixtures) string
	body  func(fx *authzFixtures) any
	want  string // "L,C,S=200 L*,C*,S*=404 admin,client=403"; anon is 401 unless named
}

// TestAuthorizationMatrix runs every /v1 route of the four services for
// every role of the acting unit and of a foreign one, and checks the status
// against API.md and DOMAIN.md "Who sees what".
func TestAuthorizationMatrix(t *testing.T) {
	s := startStack(t, allowPrivateWebhooks, "EOFFICE_IDENTITY_TRUSTED_PROXIES=127.0.0.1/32")
	fx := newAuthzFixtures(t, s)
	rows := append(authzRows(s), exchangeRows(s)...)

	var mismatches []string
	var mu sync.Mutex
	for _, r := range rows {
		want := parseWant(t, r.want)
		var wg sync.WaitGroup
		for _, c := range authzCallers {
			wg.Add(1)
			// Callers of one row run at once: each has its own fixture.
			go func() {
				defer wg.Done()
				method, _, _ := strings.Cut(r.route, " ")
				target := r.path(fx)
				var body any
				if r.body != nil {
					body = r.body(fx)
				}
				got := fx.send(method, target, fx.token(r.own, c), body)
				if got != want[c] {
					mu.Lock()
					mismatches = append(mismatches, fmt.Sprintf("%-50s %-6s own=%-5s got %d want %d", r.route, c, r.own, got, want[c]))
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
	}
	checkMatrixCoversOpenAPI(t, s, rows)
	sort.Strings(mismatches)
	for _, m := range mismatches {
		t.Error(m)
	}
	t.Logf("authorization matrix: %d routes × %d callers", len(rows), len(authzCallers))
	// Integration clients (issue 14): every route and every event type for
	// clients with and without each scope, and an agency's events.
	checkClientScopeRows(t, fx, rows)
	checkWebhookScopeRows(t, fx)
	checkWebhookAudience(t, fx)
}

func parseWant(t *testing.T, spec string) map[string]int {
	t.Helper()
	want := map[string]int{"anon": http.StatusUnauthorized}
	for _, part := range strings.Fields(spec) {
		who, code, ok := strings.Cut(part, "=")
		n, err := strconv.Atoi(code)
		if !ok || err != nil {
			t.Fatalf("bad want %q", spec)
		}
		for _, c := range strings.Split(who, ",") {
			want[c] = n
		}
	}
	for _, c := range authzCallers {
		if _, ok := want[c]; !ok {
			t.Fatalf("want %q does not say what %s gets", spec, c)
		}
	}
	return want
}

// Shorthands of the matrix.
const (
	users      = "L,C,S,L*,C*,S*"
	ownStaff   = "L,C,S"
	foreign404 = "L*,C*,S*=404"
)

func authzRows(s *stack) []authzRow {
	id, doc, tk, nt := s.identity, s.documents, s.tasks, s.notifications
	fixed := func(u string) func(*authzFixtures) string { return func(*authzFixtures) string { return u } }
	return []authzRow{
		// identity
		{"POST /v1/token", "UBND", fixed(id + "/v1/token"), func(*authzFixtures) any { return "" },
			"admin,client,anon," + users + "=400"},
		{"POST /v1/token/revoke", "UBND", fixed(id + "/v1/token/revoke"), func(*authzFixtures) any { return "token=not-a-refresh-token" },
			"admin,client,anon," + users + "=200"},
		{"POST /v1/units", "UBND", fixed(id + "/v1/units"), func(f *authzFixtures) any {
			return identityapi.NewUnit{Kind: "division", Name: "Phòng thử", ShortName: f.unique("P"), ParentID: f.units["UBND"]}
		}, "admin=201 client=403 " + users + "=403"},
		{"GET /v1/units", "UBND", fixed(id + "/v1/units"), nil, "admin,client," + users + "=200"},
		{"GET /v1/units/{id}", "UBND", func(f *authzFixtures) string { return id + "/v1/units/" + f.units["STTTT"] }, nil,
			"admin,client," + users + "=200"},
		{"PATCH /v1/units/{id}", "UBND", func(f *authzFixtures) string { return id + "/v1/units/" + f.freshUnit() },
			func(*authzFixtures) any { return identityapi.UnitPatch{Name: new("Phòng đổi tên")} }, "admin=200 client," + users + "=403"},
		{"POST /v1/units/{id}/deactivate", "UBND", func(f *authzFixtures) string { return id + "/v1/units/" + f.freshUnit() + "/deactivate" }, nil,
			"admin=200 client," + users + "=403"},
		{"POST /v1/users", "UBND", fixed(id + "/v1/users"), func(f *authzFixtures) any {
			u := f.unique("nguoidung")
			return identityapi.NewUser{Username: u, FullName: "Người dùng", Email: u + "@khanhhoa.gov.vn",
				UnitID: f.units["UBND"], Roles: []string{"specialist"}, Password: password}
		}, "admin=201 client," + users + "=403"},
		{"GET /v1/users", "UBND", fixed(id + "/v1/users"), nil, "admin,client," + users + "=200"},
		{"GET /v1/users/{id}", "UBND", func(f *authzFixtures) string { return id + "/v1/users/" + f.userIDs["stttt.lanhdao"] }, nil,
			"admin,client," + users + "=200"},
		{"PATCH /v1/users/{id}", "UBND", func(f *authzFixtures) string { return id + "/v1/users/" + f.freshUser() },
			func(*authzFixtures) any { return identityapi.UserPatch{FullName: new("Tên mới")} }, "admin=200 client," + users + "=403"},
		{"POST /v1/users/{id}/deactivate", "UBND", func(f *authzFixtures) string { return id + "/v1/users/" + f.freshUser() + "/deactivate" }, nil,
			"admin=200 client," + users + "=403"},
		// A client is no user: "me" is a person's route.
		{"GET /v1/me", "UBND", fixed(id + "/v1/me"), nil, "admin," + users + "=200 client=403"},
		// A wrong old password: the caller is let in, the change refused.
		{"POST /v1/me/password", "UBND", fixed(id + "/v1/me/password"), func(*authzFixtures) any {
			return identityapi.PasswordChange{OldPassword: "Khong-dung-mat-khau", NewPassword: "Mat-khau-moi-2026-abc"}
		}, "admin," + users + "=400 client=403"},
		{"POST /v1/clients", "UBND", fixed(id + "/v1/clients"), func(f *authzFixtures) any {
			return identityapi.NewClient{Name: f.unique("he-thong"), Scopes: []string{"units:read"}}
		}, "admin=201 client," + users + "=403"},
		{"PATCH /v1/clients/{id}", "UBND", func(f *authzFixtures) string { return id + "/v1/clients/" + f.freshClient() },
			func(*authzFixtures) any {
				return identityapi.ClientPatch{Scopes: &[]string{"units:read", "users:read"}}
			}, "admin=200 client," + users + "=403"},
		{"POST /v1/clients/{id}/deactivate", "UBND", func(f *authzFixtures) string { return id + "/v1/clients/" + f.freshClient() + "/deactivate" }, nil,
			"admin=200 client," + users + "=403"},

		// documents: a draft of the UBND, drafted by its specialist.
		{"POST /v1/documents", "UBND", fixed(doc + "/v1/documents"), func(f *authzFixtures) any { return f.directiveBody() },
			ownStaff + ",L*,C*,S*=201 admin,client=403"},
		{"GET /v1/documents", "UBND", fixed(doc + "/v1/documents?box=outgoing"), nil, users + ",admin,client=200"},
		{"GET /v1/documents/{id}", "UBND", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.draft() }, nil,
			ownStaff + "=200 " + foreign404 + " admin,client=404"},
		{"PATCH /v1/documents/{id}", "UBND", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.draft() },
			func(*authzFixtures) any { return documentsapi.Patch{Summary: new("Về việc sửa đổi")} }, "S=200 L,C=403 " + foreign404 + " admin=404 client=403"},
		{"GET /v1/documents/{id}/history", "UBND", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.draft() + "/history" }, nil,
			ownStaff + "=200 " + foreign404 + " admin,client=404"},
		{"POST /v1/documents/{id}/submit", "UBND", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.draft() + "/submit" }, nil,
			"S=200 L,C=403 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/documents/{id}/approve", "UBND", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.pending() + "/approve" }, nil,
			"L=200 C,S=403 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/documents/{id}/reject", "UBND", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.pending() + "/reject" },
			func(*authzFixtures) any { return documentsapi.Reject{Reason: "Chưa đạt"} }, "L=200 C,S=403 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/documents/{id}/issue", "UBND", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.approved() + "/issue" }, nil,
			"C=200 L,S=403 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/documents/{id}/revoke", "UBND", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.issued() + "/revoke" },
			func(*authzFixtures) any { return documentsapi.Reject{Reason: "Ban hành nhầm"} }, "L=200 C,S=403 " + foreign404 + " admin=404 client=403"},
		// The receipt's side: STTTT receives the UBND's directive.
		{"POST /v1/documents/{id}/register", "STTTT", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.issued() + "/register" }, nil,
			"C=200 L,S=403 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/documents/{id}/refuse", "STTTT", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.issued() + "/refuse" },
			func(*authzFixtures) any { return documentsapi.Reject{Reason: "Không thuộc thẩm quyền"} },
			"C=200 L,S=403 " + foreign404 + " admin=404 client=403"},
		// A paper document registered by a clerk for their own agency.
		{"POST /v1/documents/incoming", "STTTT", fixed(doc + "/v1/documents/incoming"), func(*authzFixtures) any {
			return documentsapi.NewIncoming{Sender: documentsapi.Sender{Name: "Bộ Nội vụ"}, OriginalNotation: "125/BNV-VP",
				OriginalDate: "2020-01-02", Kind: "official_letter", Summary: "Về cải cách hành chính"}
		}, "C,C*=201 L,S,L*,S*=403 admin,client=403"},
		// Registers: the agency's clerks and leaders (another agency's: 403).
		{"GET /v1/registers/{book}", "UBND", func(f *authzFixtures) string {
			return doc + "/v1/registers/incoming?agency_id=" + f.units["UBND"]
		}, nil, "L,C=200 S,L*,C*,S*=403 admin,client=403"},
		{"GET /v1/statistics/documents", "UBND", func(f *authzFixtures) string {
			return doc + "/v1/statistics/documents?agency_id=" + f.units["UBND"] + "&from=2026-01-01&to=2026-12-31"
		}, nil, "L,C=200 S,L*,C*,S*=403 admin,client=403"},
		{"POST /v1/documents/{id}/direct", "STTTT", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.registered() + "/direct" },
			func(f *authzFixtures) any {
				return documentsapi.Direct{LeadUnitID: f.units["BCVT"], CooperatingUnitIDs: []string{}, DueDate: f.due, Note: "Phòng BCVT chủ trì"}
			}, "L=200 C,S=403 " + foreign404 + " admin=404 client=403"},
		// Routing (chuyển xử lý) of STTTT's receipt: before any step its
		// clerk or directing leader starts it; then only its holder acts.
		{"POST /v1/documents/{id}/forward", "STTTT", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.registered() + "/forward" },
			func(f *authzFixtures) any { return documentsapi.Route{ToUserID: f.userIDs["ubnd.lanhdao"]} },
			"L,C=200 S=403 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/documents/{id}/propose", "STTTT", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.registered() + "/propose" },
			func(f *authzFixtures) any {
				return documentsapi.Route{ToUserID: f.userIDs["ubnd.lanhdao"], Note: "Đề xuất"}
			},
			"L,C=200 S=403 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/documents/{id}/assign", "STTTT", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.ledBy("stttt.lanhdao") + "/assign" },
			func(f *authzFixtures) any { return documentsapi.Route{ToUnitID: f.units["BCVT"]} },
			"L=200 C,S=403 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/documents/{id}/return", "STTTT", func(f *authzFixtures) string {
			return doc + "/v1/documents/" + f.forwardedTo("stttt.lanhdao") + "/return"
		},
			func(*authzFixtures) any { return documentsapi.Reject{Reason: "Đề nghị bổ sung"} },
			"L=200 C,S=403 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/documents/{id}/read", "STTTT", func(f *authzFixtures) string {
			return doc + "/v1/documents/" + f.informing("stttt.vanthu", "stttt.chuyenvien") + "/read"
		}, nil,
			"C,S=200 L=403 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/documents/{id}/consolidated-report", "STTTT", func(f *authzFixtures) string {
			return doc + "/v1/documents/" + f.planOfSTTTT() + "/consolidated-report"
		}, nil, ownStaff + "=201 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/documents/{id}/copies", "UBND", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.issued() + "/copies" },
			func(f *authzFixtures) any {
				return documentsapi.NewCopy{Form: "BSY", Recipients: []string{f.units["STTTT"]}}
			},
			"C=201 L,S=403 " + foreign404 + " admin=404 client=403"},
		{"GET /v1/documents/{id}/copies", "UBND", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.issued() + "/copies" }, nil,
			ownStaff + "=200 " + foreign404 + " admin,client=404"},
		{"POST /v1/authorisations", "UBND", fixed(doc + "/v1/authorisations"), func(f *authzFixtures) any { return f.authorisationBody() },
			"L=201 C,S,C*,S*=403 L*=400 admin,client=403"},
		{"GET /v1/authorisations", "UBND", fixed(doc + "/v1/authorisations"), nil, "admin," + users + "=200 client=403"},
		{"POST /v1/authorisations/{id}/revoke", "UBND", func(f *authzFixtures) string {
			return doc + "/v1/authorisations/" + f.freshAuthorisation() + "/revoke"
		}, nil, "L=200 S=403 C=404 " + foreign404 + " admin=404 client=403"}, // the grantee sees it; others do not
		{"GET /v1/agencies/{id}/signing-rules", "UBND", func(f *authzFixtures) string { return doc + "/v1/agencies/" + f.units["UBND"] + "/signing-rules" }, nil,
			"admin," + users + "=200 client=403"},
		{"PUT /v1/agencies/{id}/signing-rules", "UBND", func(f *authzFixtures) string { return doc + "/v1/agencies/" + f.units["UBND"] + "/signing-rules" },
			func(*authzFixtures) any {
				return documentsapi.SigningRules{TLKinds: []string{"official_letter", "notice"}}
			},
			"admin,L=200 C,S,L*,C*,S*=403 client=403"},
		{"POST /v1/documents/{id}/attachments", "UBND", func(f *authzFixtures) string { return doc + "/v1/documents/" + f.draft() + "/attachments" },
			func(*authzFixtures) any { return attachment{"bao-cao.txt", "Nội dung tệp đính kèm"} }, "S=201 L,C=403 " + foreign404 + " admin=404 client=403"},
		{"GET /v1/documents/{id}/attachments/{aid}", "UBND", func(f *authzFixtures) string { return f.attachmentURL }, nil,
			ownStaff + "=200 " + foreign404 + " admin,client=404"},
		{"DELETE /v1/documents/{id}/attachments/{aid}", "UBND", func(f *authzFixtures) string { return f.freshAttachment() }, nil,
			"S=204 L,C=403 " + foreign404 + " admin=404 client=403"},
		// The issued document's signed PDF and its signatures: its readers.
		{"GET /v1/documents/{id}/pdf", "UBND", func(f *authzFixtures) string { id, _ := f.issuedWithPDF(); return doc + "/v1/documents/" + id + "/pdf" }, nil,
			ownStaff + "=200 " + foreign404 + " admin,client=404"},
		{"GET /v1/documents/{id}/signatures", "UBND", func(f *authzFixtures) string {
			id, _ := f.issuedWithPDF()
			return doc + "/v1/documents/" + id + "/signatures"
		}, nil,
			ownStaff + "=200 " + foreign404 + " admin,client=404"},
		{"GET /v1/documents/{id}/attachments/{aid}/signatures", "UBND", func(f *authzFixtures) string { return f.issuedPDFSignatures() }, nil,
			ownStaff + "=200 " + foreign404 + " admin,client=404"},
		// Signature and seal images: administrators set them; the owner
		// (the leader, the agency's staff) reads them.
		{"PUT /v1/signature-images/{owner}", "UBND", func(f *authzFixtures) string {
			return doc + "/v1/signature-images/" + f.userIDs["ubnd.lanhdao"]
		}, func(*authzFixtures) any { return pngBody(tinyPNG()) }, "admin=200 client," + users + "=403"},
		{"GET /v1/signature-images/{owner}", "UBND", func(f *authzFixtures) string {
			return doc + "/v1/signature-images/" + f.userIDs["ubnd.lanhdao"]
		}, nil, "admin,L=200 C,S,L*,C*,S*,client=403"},
		{"PUT /v1/seal-images/{owner}", "UBND", func(f *authzFixtures) string { return doc + "/v1/seal-images/" + f.units["UBND"] },
			func(*authzFixtures) any { return pngBody(tinyPNG()) }, "admin=200 client," + users + "=403"},
		{"GET /v1/seal-images/{owner}", "UBND", func(f *authzFixtures) string { return doc + "/v1/seal-images/" + f.units["UBND"] }, nil,
			"admin," + ownStaff + "=200 L*,C*,S*,client=403"},

		// tasks: UBND's plan item led by STTTT.
		{"GET /v1/tasks", "STTTT", fixed(tk + "/v1/tasks?box=inbox"), nil, users + ",admin,client=200"},
		{"GET /v1/tasks/{id}", "STTTT", func(f *authzFixtures) string { return tk + "/v1/tasks/" + f.task() }, nil,
			ownStaff + "=200 " + foreign404 + " admin,client=404"},
		{"POST /v1/tasks/{id}/accept", "STTTT", func(f *authzFixtures) string { return tk + "/v1/tasks/" + f.task() + "/accept" }, nil,
			ownStaff + "=200 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/tasks/{id}/delegate", "STTTT", func(f *authzFixtures) string { return tk + "/v1/tasks/" + f.task() + "/delegate" },
			func(f *authzFixtures) any {
				return tasksapi.Delegation{AssigneeUnitID: f.units["BCVT"], DueDate: f.due, Note: "Phòng BCVT tham mưu"}
			}, "L=201 C,S=403 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/tasks/{id}/reports", "STTTT", func(f *authzFixtures) string { return tk + "/v1/tasks/" + f.acceptedTask() + "/reports" },
			func(*authzFixtures) any {
				return tasksapi.NewReport{ProgressPercent: new(40), Summary: "Đang triển khai", Final: new(false)}
			},
			ownStaff + "=201 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/tasks/{id}/extension", "STTTT", func(f *authzFixtures) string { return tk + "/v1/tasks/" + f.task() + "/extension" },
			func(f *authzFixtures) any {
				return tasksapi.ExtensionRequest{DueDate: f.later, Reason: "Chờ số liệu"}
			},
			ownStaff + "=201 " + foreign404 + " admin=404 client=403"},
		// The assigner's side: the UBND reviews and decides.
		{"POST /v1/tasks/{id}/reports/{report_id}/review", "UBND", func(f *authzFixtures) string { return f.reportedTaskReview() },
			func(*authzFixtures) any { return tasksapi.ReviewRequest{Decision: "accepted"} },
			"L,S=200 C=403 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/tasks/{id}/extension/decision", "UBND", func(f *authzFixtures) string { return tk + "/v1/tasks/" + f.extensionTask() + "/extension/decision" },
			func(*authzFixtures) any { return tasksapi.ExtensionDecisionRequest{Approve: new(true)} }, "L=200 C,S=403 " + foreign404 + " admin=404 client=403"},
		{"GET /v1/plans/{id}/progress", "UBND", func(f *authzFixtures) string { return tk + "/v1/plans/" + f.planID + "/progress" }, nil,
			ownStaff + "=200 " + foreign404 + " admin,client=404"},
		{"GET /v1/stats/units", "UBND", fixed(tk + "/v1/stats/units"), nil, users + ",admin,client=200"},
		// Calendars of working days: anyone signed in reads any agency's;
		// administrators set them (the bootstrap one names the agency).
		{"GET /v1/calendars/{year}", "UBND", func(f *authzFixtures) string { return tk + "/v1/calendars/2099?agency_id=" + f.units["UBND"] }, nil,
			users + ",admin,client=200"},
		{"PUT /v1/calendars/{year}", "UBND", func(f *authzFixtures) string { return tk + "/v1/calendars/2099?agency_id=" + f.units["UBND"] },
			func(*authzFixtures) any {
				return tasksapi.CalendarUpdate{Days: []tasksapi.CalendarDay{{Date: "2099-01-02", Off: true, Name: "Nghỉ hoán đổi"}}}
			}, "admin=200 client," + users + "=403"},
		{"DELETE /v1/calendars/{year}", "UBND", func(f *authzFixtures) string { return tk + "/v1/calendars/2099?agency_id=" + f.units["UBND"] }, nil,
			"admin=200 client," + users + "=403"},
		// Reminder rules: an agency's staff read its own, administrators
		// read and set any agency's; the week's digests go out at an
		// administrator's request.
		{"GET /v1/reminder-rules", "UBND", func(f *authzFixtures) string { return tk + "/v1/reminder-rules?agency_id=" + f.units["UBND"] }, nil,
			ownStaff + ",admin=200 L*,C*,S*,client=403"},
		{"PUT /v1/reminder-rules", "UBND", func(f *authzFixtures) string { return tk + "/v1/reminder-rules?agency_id=" + f.units["UBND"] },
			func(*authzFixtures) any {
				return tasksapi.ReminderRulesRequest{BeforeDays: []int{3, 1}, OnDueDay: new(true), RepeatEvery: new(2), EscalateAfter: new(5)}
			}, "admin=200 " + users + ",client=403"},
		{"POST /v1/weekly-digests", "UBND", fixed(tk + "/v1/weekly-digests"), nil, "admin=200 " + users + ",client=403"},
		// Analytics: a unit's figures are its agency's staff's; a person's
		// are theirs and their head's (the agency's leader), not a clerk's;
		// neither the administrator nor a client has an agency's figures.
		{"GET /v1/analytics/tasks", "STTTT", func(f *authzFixtures) string {
			return tk + "/v1/analytics/tasks?from=2026-01-01&to=2026-12-31&unit_id=" + f.units["STTTT"]
		}, nil, ownStaff + "=200 L*,C*,S*=403 admin,client=403"},
		{"GET /v1/analytics/tasks", "STTTT", func(f *authzFixtures) string {
			return tk + "/v1/analytics/tasks?from=2026-01-01&to=2026-12-31&group=person&user_id=" + f.userIDs["stttt.chuyenvien"]
		}, nil, "L,S=200 C=403 L*,C*,S*=403 admin,client=403"},

		// notifications: the STTTT leader's notification of a task.
		// Lists answer every caller with what is theirs, an empty list at worst.
		// A client has no notifications of its own: people's routes.
		{"GET /v1/notifications", "STTTT", fixed(nt + "/v1/notifications"), nil, users + ",admin=200 client=403"},
		{"GET /v1/notifications/unread-count", "STTTT", fixed(nt + "/v1/notifications/unread-count"), nil, users + ",admin=200 client=403"},
		{"POST /v1/notifications/{id}/read", "STTTT", func(f *authzFixtures) string { return nt + "/v1/notifications/" + f.notificationID + "/read" }, nil,
			"L=200 C,S=404 " + foreign404 + " admin=404 client=403"},
		{"POST /v1/webhooks", "UBND", fixed(nt + "/v1/webhooks"), func(f *authzFixtures) any {
			return notificationsapi.WebhookRequest{URL: "http://127.0.0.1:9/hook", EventTypes: []string{"task.assigned"}, Secret: "bi-mat-webhook-0123456789"}
		}, "admin,client=201 " + users + "=403"},
		{"GET /v1/webhooks", "UBND", fixed(nt + "/v1/webhooks"), nil, "admin,client," + users + "=200"},
		{"GET /v1/webhooks/{id}", "UBND", func(f *authzFixtures) string { return nt + "/v1/webhooks/" + f.webhookID }, nil,
			"client,admin=200 " + users + "=404"},
		{"DELETE /v1/webhooks/{id}", "UBND", func(f *authzFixtures) string { return nt + "/v1/webhooks/" + f.freshWebhook() }, nil,
			"client,admin=204 " + users + "=404"},
		{"POST /v1/webhooks/{id}/enable", "UBND", func(f *authzFixtures) string { return nt + "/v1/webhooks/" + f.freshWebhook() + "/enable" }, nil,
			"client,admin=200 " + users + "=404"},
		{"POST /v1/webhooks/{id}/secret", "UBND", func(f *authzFixtures) string { return nt + "/v1/webhooks/" + f.freshWebhook() + "/secret" },
			func(*authzFixtures) any {
				return notificationsapi.RotateSecretRequest{Secret: "bi-mat-moi-webhook-0123456789"}
			}, "client,admin=200 " + users + "=404"},
		{"GET /v1/webhooks/{id}/deliveries", "UBND", func(f *authzFixtures) string { return nt + "/v1/webhooks/" + f.webhookID + "/deliveries" }, nil,
			"client,admin=200 " + users + "=404"},

		// The console's sessions: its own client only (svc-web), never a
		// person or an integration client, whatever it holds.
		{"POST /v1/console/sessions", "UBND", fixed(id + "/v1/console/sessions"), func(*authzFixtures) any {
			return identityapi.NewConsoleSession{RefreshToken: "not-a-refresh-token", IdleSeconds: 3600}
		}, "admin,client," + users + "=403"},
		{"POST /v1/console/sessions/resolve", "UBND", fixed(id + "/v1/console/sessions/resolve"), func(*authzFixtures) any {
			return identityapi.ConsoleSessionHandle{Handle: "not-a-handle"}
		}, "admin,client," + users + "=403"},
		{"POST /v1/console/sessions/end", "UBND", fixed(id + "/v1/console/sessions/end"), func(*authzFixtures) any {
			return identityapi.ConsoleSessionHandle{Handle: "not-a-handle"}
		}, "admin,client," + users + "=403"},

		// Last: a key rotation must not stop the tokens already out.
		{"POST /v1/keys/rotate", "UBND", fixed(id + "/v1/keys/rotate"), nil, "admin=200 client," + users + "=403"},
	}
}

type attachment struct{ name, content string }

// pngBody is a PNG sent as the request body (image/png).
type pngBody []byte

// tinyPNG is a small signature-like image.
func tinyPNG() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 16))
	for x := 4; x < 36; x++ {
		img.Set(x, 8+x%4, color.NRGBA{0x10, 0x20, 0x90, 0xff})
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

// issuedPDFSignatures is the signatures route of an issued document's PDF
// as an attachment.
func (f *authzFixtures) issuedPDFSignatures() string {
	id, att := f.issuedWithPDF()
	return f.s.documents + "/v1/documents/" + id + "/attachments/" + att + "/signatures"
}

// issuedWithPDF issues a document and waits for its signed PDF: under a
// burst (CI's load) an issue answers before its PDF is made, which
// PDFWorker then makes shortly after.
func (f *authzFixtures) issuedWithPDF() (id, attachmentID string) {
	id = f.issued()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var d struct {
			PDF struct {
				AttachmentID string `json:"attachment_id"`
			} `json:"pdf"`
		}
		must(f.t, http.StatusOK, "GET", f.s.documents+"/v1/documents/"+id, f.tok["ubnd.chuyenvien"], nil, &d)
		if d.PDF.AttachmentID != "" {
			return id, d.PDF.AttachmentID
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("document %s: no PDF two minutes after its issue", id)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// authzFixtures builds the organisation once and hands out fresh
// resources in the state each route needs.
type authzFixtures struct {
	t          *testing.T
	s          *stack
	admin      string
	clientTok  string
	units      map[string]string // short name → id
	userIDs    map[string]string // username → id
	tok        map[string]string // username → token
	due, later string

	mu              sync.Mutex
	n               int
	tasks           []string // fresh tasks of STTTT, assigned by the UBND
	planID          string
	directiveID     string // UBND's directive STTTT plans for
	attachmentURL   string
	notificationID  string
	webhookID       string
	exchangePackage string // a package the UBND received
}

var authzPeople = map[string]string{ // own/foreign unit and role → username
	"UBND/L": "ubnd.lanhdao", "UBND/C": "ubnd.vanthu", "UBND/S": "ubnd.chuyenvien",
	"STTTT/L": "stttt.lanhdao", "STTTT/C": "stttt.vanthu", "STTTT/S": "stttt.chuyenvien",
	"SYT/L": "syt.lanhdao", "SYT/C": "syt.vanthu", "SYT/S": "syt.chuyenvien",
}

func (f *authzFixtures) token(own, caller string) string {
	switch caller {
	case "admin":
		return f.admin
	case "client":
		return f.clientTok
	case "anon":
		return ""
	}
	if role, ok := strings.CutSuffix(caller, "*"); ok {
		return f.tok[authzPeople["SYT/"+role]]
	}
	return f.tok[authzPeople[own+"/"+caller]]
}

const planItems = 80

func newAuthzFixtures(t *testing.T, s *stack) *authzFixtures {
	t.Helper()
	f := &authzFixtures{t: t, s: s, admin: login(t, s.identity, "admin", s.adminPassword),
		units: map[string]string{}, userIDs: map[string]string{},
		due: time.Now().AddDate(0, 1, 0).Format("2006-01-02"), later: time.Now().AddDate(0, 2, 0).Format("2006-01-02")}
	o := seed(t, s, f.admin)
	f.tok = o.users
	for short, u := range o.units {
		f.units[short] = u.ID
	}
	var div identityapi.Unit
	must(t, http.StatusCreated, "POST", s.identity+"/v1/units", f.admin, identityapi.NewUnit{Kind: "division",
		Name: "Phòng Bưu chính, Viễn thông", ShortName: "BCVT", ParentID: f.units["STTTT"]}, &div)
	f.units["BCVT"] = div.ID
	for _, p := range []struct{ username, unit, role string }{
		{"stttt.vanthu", "STTTT", "clerk"}, {"syt.vanthu", "SYT", "clerk"}, {"syt.chuyenvien", "SYT", "specialist"},
	} {
		must(t, http.StatusCreated, "POST", s.identity+"/v1/users", f.admin, identityapi.NewUser{
			Username: p.username, FullName: "Người dùng " + p.username, Email: p.username + "@khanhhoa.gov.vn",
			UnitID: f.units[p.unit], Roles: []string{p.role}, Password: password}, nil)
		f.tok[p.username] = login(t, s.identity, p.username, password)
	}
	var all client.Page[identityapi.User]
	must(t, http.StatusOK, "GET", s.identity+"/v1/users?limit=500", f.admin, nil, &all)
	for _, u := range all.Items {
		f.userIDs[u.Username] = u.ID
	}
	f.clientTok = integrationClient(t, s, f.admin)

	// A plan of the UBND: one item per task the matrix consumes, each led
	// by STTTT.
	items := make([]documentsapi.Item, planItems)
	for i := range items {
		items[i] = documentsapi.Item{Title: fmt.Sprintf("Nhiệm vụ %d", i+1), LeadUnitID: f.units["STTTT"],
			CooperatingUnitIDs: []string{}, DueDate: f.due}
	}
	f.planID = f.issue(documentsapi.NewDocument{Kind: "plan", Summary: "Kế hoạch thử phân quyền",
		Recipients: []string{f.units["STTTT"]}, Items: items})
	eventually(t, 60*time.Second, "the plan's tasks reach STTTT", func() bool {
		var got client.Page[tasksapi.Task]
		must(t, http.StatusOK, "GET", s.tasks+"/v1/tasks?box=inbox&limit=500&source_document_id="+f.planID, f.tok["stttt.lanhdao"], nil, &got)
		if len(got.Items) < planItems {
			return false
		}
		f.tasks = nil
		for _, tk := range got.Items {
			f.tasks = append(f.tasks, tk.ID)
		}
		return true
	})
	eventually(t, 30*time.Second, "STTTT's leader notified", func() bool {
		var got client.Page[notificationsapi.Notification]
		must(t, http.StatusOK, "GET", s.notifications+"/v1/notifications", f.tok["stttt.lanhdao"], nil, &got)
		if len(got.Items) == 0 {
			return false
		}
		f.notificationID = got.Items[0].ID
		return true
	})
	f.directiveID = f.issue(f.directiveBody())

	d := f.draft()
	var att documentsapi.Attachment
	req := f.upload(s.documents+"/v1/documents/"+d+"/attachments", f.tok["ubnd.chuyenvien"], attachment{"ke-hoach.txt", "Tệp"})
	resp, err := httpClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || json.Unmarshal(raw, &att) != nil || att.ID == "" {
		t.Fatalf("upload: %d %s", resp.StatusCode, raw)
	}
	f.attachmentURL = s.documents + "/v1/documents/" + d + "/attachments/" + att.ID

	var wh notificationsapi.Webhook
	must(t, http.StatusCreated, "POST", s.notifications+"/v1/webhooks", f.clientTok, notificationsapi.WebhookRequest{
		URL: "http://127.0.0.1:9/hook", EventTypes: []string{"task.assigned"}, Secret: "bi-mat-webhook-0123456789"}, &wh)
	f.webhookID = wh.ID
	f.exchangePackage = f.setUpExchange()
	return f
}

// integrationClient registers a client with every scope and returns its
// client-credentials token.
func integrationClient(t *testing.T, s *stack, admin string) string {
	t.Helper()
	var cl identityapi.ClientCredentials
	must(t, http.StatusCreated, "POST", s.identity+"/v1/clients", admin, identityapi.NewClient{Name: "Cổng dịch vụ công",
		Scopes: []string{"documents:read", "events:read", "exchange:read", "exchange:write", "tasks:read", "units:read", "users:read", "webhooks:write"}}, &cl)
	form := identityapi.TokenRequest{GrantType: "client_credentials", ClientID: cl.ClientID, ClientSecret: cl.ClientSecret}.Form()
	resp, err := httpClient.PostForm(s.identity+"/v1/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok identityapi.TokenResponse
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || json.Unmarshal(raw, &tok) != nil || tok.AccessToken == "" {
		t.Fatalf("client token: %d %s", resp.StatusCode, raw)
	}
	return tok.AccessToken
}

func (f *authzFixtures) unique(prefix string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	return fmt.Sprintf("%s%d", prefix, f.n)
}

func (f *authzFixtures) freshUnit() string {
	var u identityapi.Unit
	must(f.t, http.StatusCreated, "POST", f.s.identity+"/v1/units", f.admin, identityapi.NewUnit{Kind: "division",
		Name: "Phòng tạm", ShortName: f.unique("T"), ParentID: f.units["SNV"]}, &u)
	return u.ID
}

func (f *authzFixtures) freshClient() string {
	var c identityapi.ClientCredentials
	must(f.t, http.StatusCreated, "POST", f.s.identity+"/v1/clients", f.admin, identityapi.NewClient{
		Name: f.unique("he-thong-tam"), Scopes: []string{"units:read"}}, &c)
	return c.ClientID
}

func (f *authzFixtures) freshUser() string {
	name := f.unique("tam.")
	var u identityapi.User
	must(f.t, http.StatusCreated, "POST", f.s.identity+"/v1/users", f.admin, identityapi.NewUser{Username: name, FullName: "Người tạm",
		Email: name + "@khanhhoa.gov.vn", UnitID: f.units["SNV"], Roles: []string{"specialist"}, Password: password}, &u)
	return u.ID
}

// freshAttachment uploads a file to a fresh UBND draft and returns its URL.
func (f *authzFixtures) freshAttachment() string {
	url := f.s.documents + "/v1/documents/" + f.draft() + "/attachments"
	var att documentsapi.Attachment
	resp, err := httpClient.Do(f.upload(url, f.tok["ubnd.chuyenvien"], attachment{"phu-luc.txt", "Phụ lục"}))
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || json.NewDecoder(resp.Body).Decode(&att) != nil {
		f.t.Fatalf("upload: %d", resp.StatusCode)
	}
	return url + "/" + att.ID
}

// freshWebhook registers a webhook of the integration client.
func (f *authzFixtures) freshWebhook() string {
	var wh notificationsapi.Webhook
	must(f.t, http.StatusCreated, "POST", f.s.notifications+"/v1/webhooks", f.clientTok, notificationsapi.WebhookRequest{
		URL: "http://127.0.0.1:9/hook", EventTypes: []string{"task.assigned"}, Secret: "bi-mat-webhook-0123456789"}, &wh)
	return wh.ID
}

func (f *authzFixtures) directiveBody() documentsapi.NewDocument {
	return documentsapi.NewDocument{Kind: "directive", Summary: "Về việc kiểm thử phân quyền", Body: "…",
		Recipients: []string{f.units["STTTT"]}, DueDate: f.due}
}

// The states of a UBND directive, each step by the person allowed to take it.
func (f *authzFixtures) draftOf(drafter string, body documentsapi.NewDocument) string {
	var d documentsapi.Document
	must(f.t, http.StatusCreated, "POST", f.s.documents+"/v1/documents", f.tok[drafter], body, &d)
	return d.ID
}
func (f *authzFixtures) step(id, action, who string) string {
	must(f.t, http.StatusOK, "POST", f.s.documents+"/v1/documents/"+id+"/"+action, f.tok[who], nil, nil)
	return id
}

// authorisationBody is the UBND's head authorising its specialist to
// sign directives from today until the fixtures' later date.
func (f *authzFixtures) authorisationBody() documentsapi.NewAuthorisation {
	today := time.Now().In(time.FixedZone("ICT", 7*3600)).Format(time.DateOnly)
	return documentsapi.NewAuthorisation{GranteeID: f.userIDs["ubnd.chuyenvien"], From: today, To: f.later,
		Kinds: []string{"directive"}, Scope: "sign"}
}

// freshAuthorisation is one granted by the UBND's head, in force.
func (f *authzFixtures) freshAuthorisation() string {
	var out documentsapi.Authorisation
	must(f.t, http.StatusCreated, "POST", f.s.documents+"/v1/authorisations", f.tok["ubnd.lanhdao"], f.authorisationBody(), &out)
	return out.ID
}

func (f *authzFixtures) draft() string { return f.draftOf("ubnd.chuyenvien", f.directiveBody()) }
func (f *authzFixtures) pending() string {
	return f.step(f.draft(), "submit", "ubnd.chuyenvien")
}
func (f *authzFixtures) approved() string { return f.step(f.pending(), "approve", "ubnd.lanhdao") }
func (f *authzFixtures) issued() string   { return f.step(f.approved(), "issue", "ubnd.vanthu") }
func (f *authzFixtures) registered() string {
	return f.step(f.issued(), "register", "stttt.vanthu")
}

// forwardedTo is a registered receipt STTTT's clerk forwarded to who.
func (f *authzFixtures) forwardedTo(who string) string {
	id := f.registered()
	must(f.t, http.StatusOK, "POST", f.s.documents+"/v1/documents/"+id+"/forward", f.tok["stttt.vanthu"],
		documentsapi.Route{ToUserID: f.userIDs[who]}, nil)
	return id
}

// ledBy is a receipt STTTT's leader directed with who as its lead person.
func (f *authzFixtures) ledBy(who string) string {
	id := f.registered()
	must(f.t, http.StatusOK, "POST", f.s.documents+"/v1/documents/"+id+"/direct", f.tok["stttt.lanhdao"],
		documentsapi.Direct{LeadUserID: f.userIDs[who], Note: "Chủ trì"}, nil)
	return id
}

// informing is a receipt STTTT's leader directed to BCVT, sent to the
// people named for information.
func (f *authzFixtures) informing(who ...string) string {
	id := f.registered()
	var ids []string
	for _, w := range who {
		ids = append(ids, f.userIDs[w])
	}
	must(f.t, http.StatusOK, "POST", f.s.documents+"/v1/documents/"+id+"/direct", f.tok["stttt.lanhdao"],
		documentsapi.Direct{LeadUnitID: f.units["BCVT"], InformedUserIDs: ids, DueDate: f.due}, nil)
	return id
}

func (f *authzFixtures) issue(body documentsapi.NewDocument) string {
	id := f.draftOf("ubnd.chuyenvien", body)
	f.step(id, "submit", "ubnd.chuyenvien")
	f.step(id, "approve", "ubnd.lanhdao")
	return f.step(id, "issue", "ubnd.vanthu")
}

// planOfSTTTT is an issued STTTT plan implementing the UBND's directive.
func (f *authzFixtures) planOfSTTTT() string {
	id := f.draftOf("stttt.chuyenvien", documentsapi.NewDocument{Kind: "plan", Summary: "Kế hoạch thực hiện chỉ thị",
		Recipients: []string{f.units["UBND"]}, ImplementsDocumentID: f.directiveID,
		Items: []documentsapi.Item{{Title: "Tuyên truyền", LeadUnitID: f.units["BCVT"], CooperatingUnitIDs: []string{}, DueDate: f.due}}})
	f.step(id, "submit", "stttt.chuyenvien")
	f.step(id, "approve", "stttt.lanhdao")
	return f.step(id, "issue", "stttt.vanthu")
}

func (f *authzFixtures) task() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.tasks) == 0 {
		f.t.Fatal("the matrix used more tasks than the plan made; raise planItems")
	}
	id := f.tasks[0]
	f.tasks = f.tasks[1:]
	return id
}

func (f *authzFixtures) acceptedTask() string {
	id := f.task()
	must(f.t, http.StatusOK, "POST", f.s.tasks+"/v1/tasks/"+id+"/accept", f.tok["stttt.chuyenvien"], nil, nil)
	return id
}

func (f *authzFixtures) reportedTaskReview() string {
	id := f.acceptedTask()
	var r tasksapi.Report
	must(f.t, http.StatusCreated, "POST", f.s.tasks+"/v1/tasks/"+id+"/reports", f.tok["stttt.chuyenvien"],
		tasksapi.NewReport{ProgressPercent: new(100), Summary: "Hoàn thành", Result: "Kết quả", Final: new(true)}, &r)
	return f.s.tasks + "/v1/tasks/" + id + "/reports/" + r.ID + "/review"
}

func (f *authzFixtures) extensionTask() string {
	id := f.task()
	must(f.t, http.StatusCreated, "POST", f.s.tasks+"/v1/tasks/"+id+"/extension", f.tok["stttt.chuyenvien"],
		tasksapi.ExtensionRequest{DueDate: f.later, Reason: "Chờ số liệu"}, nil)
	return id
}

// send runs one request of the matrix and returns its status; a form
// (string body) goes as application/x-www-form-urlencoded, an attachment as
// multipart.
func (f *authzFixtures) send(method, target, token string, body any) int {
	var req *http.Request
	switch b := body.(type) {
	case attachment:
		req = f.upload(target, token, b)
	case pngBody:
		req, _ = http.NewRequest(method, target, bytes.NewReader(b))
		req.Header.Set("Content-Type", "image/png")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
	case typedBody:
		req, _ = http.NewRequest(method, target, bytes.NewReader(b.data))
		req.Header.Set("Content-Type", b.ctype)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
	case string:
		req, _ = http.NewRequest(method, target, strings.NewReader(b))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
	default:
		status, _ := call(f.t, method, target, token, body, nil)
		return status
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		f.t.Errorf("%s %s: %v", method, target, err)
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

func (f *authzFixtures) upload(target, token string, a attachment) *http.Request {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, _ := mw.CreateFormFile("file", a.name)
	_, _ = w.Write([]byte(a.content))
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, target, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return req
}

// allowPrivateWebhooks lets the fixtures register a webhook on loopback.
const allowPrivateWebhooks = "EOFFICE_WEBHOOK_ALLOW_PRIVATE=true"
