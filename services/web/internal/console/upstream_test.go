package console

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/web/internal/session"
)

// upstream stands in for the four services' public APIs with sample data
// (the real services are exercised by pkg/tests/e2e/web_test.go). It records
// every call so a test can assert that nothing was sent.
type upstream struct {
	t   *testing.T
	srv *httptest.Server

	mu    sync.Mutex
	calls []string
	// refuse answers a "METHOD path" with this status and problem body.
	refuse map[string]refusal
	bodies map[string]string // last body per "METHOD path"
	// forwardedFor is the last token request's X-Forwarded-For.
	forwardedFor string
	// issued maps each refresh token given to its access token; sessions
	// are identity's console sessions by handle.
	issued   map[string]string
	sessions map[string]fakeSession
}

// fakeSession is a console session as identity keeps it.
type fakeSession struct {
	csrf, access string
	user         json.RawMessage
}

// consoleToken is the console's own client's token in these tests.
const consoleToken = "SECRET-console"

type refusal struct {
	status int
	body   string
}

func newUpstream(t *testing.T) *upstream {
	u := &upstream{t: t, refuse: map[string]refusal{}, bodies: map[string]string{}, issued: map[string]string{}, sessions: map[string]fakeSession{}}
	u.srv = httptest.NewServer(http.HandlerFunc(u.serve))
	t.Cleanup(u.srv.Close)
	return u
}

func (u *upstream) endpoints() client.Endpoints {
	return client.Endpoints{u.srv.URL, u.srv.URL, u.srv.URL, u.srv.URL, u.srv.URL}
}

// sent lists the recorded calls other than reads and a sign-in's own
// (a session's creation at login, its resolution on each page).
func (u *upstream) sent() []string {
	u.mu.Lock()
	defer u.mu.Unlock()
	var out []string
	for _, c := range u.calls {
		if !strings.HasPrefix(c, "GET ") && c != "POST /v1/console/sessions/resolve" && c != "POST /v1/console/sessions" {
			out = append(out, c)
		}
	}
	return out
}

func (u *upstream) body(key string) string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.bodies[key]
}

var (
	day1   = time.Date(2026, 11, 20, 2, 30, 0, 0, time.UTC) // 20/11/2026 09:30 in Hà Nội
	sample = map[string]string{
		"GET /v1/me": `{"id":"u-ld","username":"gd.stttt","full_name":"Phạm Quốc Dũng","unit_id":"stttt","roles":["leader"]}`,
		"GET /v1/units": `{"items":[
			{"id":"ubnd","kind":"agency","name":"Ủy ban nhân dân tỉnh Khánh Hòa","short_name":"UBND","active":true},
			{"id":"stttt","kind":"agency","name":"Sở Thông tin và Truyền thông","short_name":"STTTT","parent_id":"ubnd","active":true},
			{"id":"ttbc","kind":"division","name":"Phòng Thông tin - Báo chí","short_name":"TTBC","parent_id":"stttt","active":true},
			{"id":"snv","kind":"agency","name":"Sở Nội vụ","short_name":"SNV","parent_id":"ubnd","active":true}]}`,
		"GET /v1/documents": `{"items":[
			{"id":"d-flash","kind":"directive","status":"issued","issuer_unit_id":"ubnd","summary":"Về việc ứng phó bão số 9","urgency":"flash","confidentiality":"normal","notation":"15/CT-UBND","issued_at":"2026-11-20T02:30:00Z","due_date":"2026-12-05","created_at":"2026-11-19T02:30:00Z","receipt_status":"received"},
			{"id":"d-normal","kind":"official_letter","status":"issued","issuer_unit_id":"ubnd","summary":"Về việc báo cáo số liệu","urgency":"normal","confidentiality":"normal","notation":"20/UBND-VP","created_at":"2026-11-18T02:30:00Z","receipt_status":"directed","handling_due_date":"2026-12-15"}],
			"next_cursor":"c2"}`,
		"GET /v1/documents/d-flash":         `{"id":"d-flash","kind":"directive","kind_name":"Chỉ thị","status":"issued","issuer_unit_id":"ubnd","summary":"Về việc ứng phó bão số 9","body":"Các sở, ngành khẩn trương triển khai…","urgency":"flash","confidentiality":"normal","recipients":["stttt","snv"],"notation":"15/CT-UBND","number":15,"issued_at":"2026-11-20T02:30:00Z","due_date":"2026-12-05","created_at":"2026-11-19T02:30:00Z","drafter":{"user_id":"u-cv","full_name":"Lê Minh Châu"},"signer":{"full_name":"Nguyễn Văn An","title":"Chủ tịch","signing_mark":""},"receipt":{"agency_id":"stttt","status":"registered","incoming_number":42,"registered_at":"2026-11-20T03:00:00Z","updated_at":"2026-11-20T03:00:00Z"}}`,
		"GET /v1/documents/d-flash/history": `{"items":[{"action":"create","to_status":"draft","actor_name":"Lê Minh Châu","at":"2026-11-19T02:30:00Z"},{"action":"issue","from_status":"approved","to_status":"issued","actor_name":"Trần Thị Bình","at":"2026-11-20T02:30:00Z"}]}`,
		"GET /v1/documents/d-out":           `{"id":"d-out","kind":"directive","status":"issued","issuer_unit_id":"stttt","summary":"Về việc nâng cao Chỉ số PAPI","urgency":"urgent","confidentiality":"normal","recipients":["snv"],"notation":"07/CT-STTTT","created_at":"2026-11-19T02:30:00Z","drafter":{"user_id":"u-cv","full_name":"Lê Minh Châu"},"receipts":[{"agency_id":"snv","status":"directed","incoming_number":3,"updated_at":"2026-11-21T02:30:00Z"}]}`,
		"GET /v1/documents/d-out/history":   `{"items":[]}`,
		"GET /v1/documents/d-routed": `{"id":"d-routed","kind":"official_letter","status":"issued","summary":"Về việc triển khai nền tảng số","urgency":"normal","confidentiality":"normal","recipients":[],"notation":"310/BTTTT-CĐSQG","created_at":"2026-11-19T02:30:00Z","drafter":{"user_id":"","full_name":""},
			"receipt":{"agency_id":"stttt","status":"directed","incoming_number":7,"updated_at":"2026-11-21T02:30:00Z"},
			"routing":[{"id":"s1","kind":"forward","from_user_id":"u-vt","from_name":"Lê Văn Cường","to_user_id":"u-cvp","to_name":"Ngô Văn Chánh","note":"Kính chuyển","at":"2026-11-20T03:00:00Z"},
			{"id":"s2","kind":"direct","from_user_id":"u-pct","from_name":"Lương Văn Phó","to_unit_id":"stttt","note":"Sở TTTT chủ trì","due_date":"2026-12-31","informed":[{"unit_id":"snv"}],"at":"2026-11-21T02:00:00Z"},
			{"id":"s3","kind":"return","from_user_id":"u-cv","from_name":"Hoàng Thị Em","to_user_id":"u-ld","to_name":"Phạm Quốc Dũng","note":"Đề nghị bổ sung số liệu","at":"2026-11-21T03:00:00Z"}],
			"routing_actions":["assign","return"]}`,
		"GET /v1/documents/d-routed/history": `{"items":[]}`,
		"GET /v1/documents/d-direct": `{"id":"d-direct","kind":"official_letter","status":"issued","summary":"Về việc rà soát vị trí việc làm","urgency":"normal","confidentiality":"normal","recipients":[],"notation":"55/BNV-CCVC","created_at":"2026-11-19T02:30:00Z","drafter":{"user_id":"","full_name":""},
			"receipt":{"agency_id":"ubnd","status":"registered","incoming_number":8,"updated_at":"2026-11-21T02:30:00Z"},
			"routing":[{"id":"s1","kind":"forward","from_user_id":"u-vt","from_name":"Lê Văn Cường","to_user_id":"u-ld","to_name":"Trần Thị Bình","at":"2026-11-20T03:00:00Z"}],
			"routing_actions":["direct","return"]}`,
		"GET /v1/documents/d-direct/history": `{"items":[]}`,
		"GET /v1/users":                      `{"items":[{"id":"u-cv","username":"cv","full_name":"Hoàng Thị Em","unit_id":"stttt","roles":["specialist"],"active":true}]}`,

		"GET /v1/tasks": `{"items":[
			{"id":"t-over","title":"Báo cáo tình hình thiệt hại","assigner_unit_id":"ubnd","assignee_unit_id":"stttt","role":"lead","due_date":"2026-11-01","status":"in_progress","progress_percent":40,"class":"open_overdue","urgency":"very_urgent","source_notation":"15/CT-UBND"},
			{"id":"t-open","title":"Tuyên truyền Chỉ số PAPI","assigner_unit_id":"ubnd","assignee_unit_id":"stttt","role":"cooperate","due_date":"2026-12-31","status":"assigned","progress_percent":0,"class":"open_within_deadline"},
			{"id":"t-done","title":"Rà soát cổng thông tin","assigner_unit_id":"ubnd","assignee_unit_id":"stttt","role":"lead","due_date":"2026-10-31","status":"completed","progress_percent":100,"class":"completed_on_time"}]}`,
		"GET /v1/tasks/t-over": `{"id":"t-over","source_document_id":"d-flash","source_notation":"15/CT-UBND","title":"Báo cáo tình hình thiệt hại","assigner_unit_id":"ubnd","assignee_unit_id":"stttt","role":"lead","due_date":"2026-11-01","status":"in_progress","progress_percent":40,"class":"open_overdue","urgency":"very_urgent",
			"reports":[{"id":"r1","progress_percent":40,"summary":"Đã tổng hợp 5/9 huyện","final":false,"submitted_at":"2026-10-25T03:00:00Z","review":{"decision":"returned","comment":"Bổ sung số liệu"}},{"id":"r2","progress_percent":60,"summary":"Đã tổng hợp 7/9 huyện","final":false,"submitted_at":"2026-10-28T03:00:00Z"}],
			"history":[{"action":"assigned","to_status":"assigned","at":"2026-10-20T03:00:00Z"},{"action":"accepted","from_status":"assigned","to_status":"in_progress","at":"2026-10-21T03:00:00Z"}]}`,
		"GET /v1/notifications":              `{"items":[{"id":"n1","type":"task.assigned","title":"[Hỏa tốc] Nhiệm vụ mới: Báo cáo tình hình thiệt hại","body":"Hạn 01/11/2026","link":"/tasks/t-over","created_at":"2026-10-20T03:00:00Z"}]}`,
		"GET /v1/notifications/unread-count": `{"unread":3}`,
	}
)

func (u *upstream) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	key := r.Method + " " + r.URL.Path
	u.mu.Lock()
	u.calls = append(u.calls, key)
	u.bodies[key] = string(raw)
	if key == "POST /v1/token" {
		u.forwardedFor = r.Header.Get("X-Forwarded-For")
	}
	ref, refused := u.refuse[key]
	u.mu.Unlock()
	if refused {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(ref.status)
		_, _ = w.Write([]byte(ref.body))
		return
	}
	if strings.HasPrefix(key, "POST /v1/console/sessions") {
		u.consoleSessions(w, r, key, raw)
		return
	}
	if key == "POST /v1/token" {
		// Remember which access token each refresh token came with, as
		// identity knows the sign-in a refresh token belongs to.
		rec := httptest.NewRecorder()
		u.answer(rec, r, key, raw)
		var tok struct{ AccessToken, RefreshToken string }
		if json.Unmarshal(rec.Body.Bytes(), &struct {
			A *string `json:"access_token"`
			R *string `json:"refresh_token"`
		}{&tok.AccessToken, &tok.RefreshToken}) == nil && tok.RefreshToken != "" {
			u.mu.Lock()
			u.issued[tok.RefreshToken] = tok.AccessToken
			u.mu.Unlock()
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
		return
	}
	u.answer(w, r, key, raw)
}

// answer is the services' answer to a call.
func (u *upstream) answer(w http.ResponseWriter, r *http.Request, key string, raw []byte) {
	if h, ok := special[key]; ok && h(u, w, r, raw) {
		return
	}
	if key == "POST /v1/token" {
		if !strings.Contains(string(raw), "password=dung-mat-khau-2026") {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"status":400,"error":"invalid_grant","detail":"wrong username or password"}`))
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "SECRET-access", "token_type": "Bearer", "expires_in": 900, "refresh_token": "SECRET-refresh"})
		return
	}
	if body, ok := sample[key]; ok && r.Method == http.MethodGet {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
		return
	}
	if r.Method == http.MethodPost {
		w.Header().Set("Content-Type", "application/json")
		if key == "POST /v1/documents" {
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(`{"id":"d-new","status":"draft"}`))
			return
		}
		_, _ = w.Write([]byte(`{}`))
		return
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte(`{"status":404,"title":"Not Found","detail":"no such thing"}`))
}

// consoleSessions plays identity's console-session routes: only the
// console's own token may call them; the session's user is who GET /v1/me
// says the sign-in's access token belongs to.
func (u *upstream) consoleSessions(w http.ResponseWriter, r *http.Request, key string, raw []byte) {
	if r.Header.Get("Authorization") != "Bearer "+consoleToken {
		writeJSON(w, http.StatusForbidden, `{"status":403,"detail":"only the web console"}`)
		return
	}
	var in struct {
		RefreshToken string `json:"refresh_token"`
		Handle       string `json:"handle"`
	}
	_ = json.Unmarshal(raw, &in)
	u.mu.Lock()
	defer u.mu.Unlock()
	switch key {
	case "POST /v1/console/sessions":
		access, ok := u.issued[in.RefreshToken]
		if !ok {
			writeJSON(w, http.StatusBadRequest, `{"status":400,"error":"invalid_grant"}`)
			return
		}
		delete(u.issued, in.RefreshToken) // spent
		me := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+access)
		u.mu.Unlock()
		u.answer(me, req, "GET /v1/me", nil)
		u.mu.Lock()
		fs := fakeSession{csrf: session.RandomToken(), access: access, user: me.Body.Bytes()}
		handle := session.RandomToken()
		u.sessions[handle] = fs
		writeJSON(w, http.StatusCreated, fs.answer(handle))
	case "POST /v1/console/sessions/resolve":
		fs, ok := u.sessions[in.Handle]
		if !ok {
			writeJSON(w, http.StatusUnauthorized, `{"status":401,"error":"invalid_session"}`)
			return
		}
		writeJSON(w, http.StatusOK, fs.answer(""))
	case "POST /v1/console/sessions/end":
		_, ok := u.sessions[in.Handle]
		delete(u.sessions, in.Handle)
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"ended":%d}`, map[bool]int{true: 1}[ok]))
	}
}

func (f fakeSession) answer(handle string) string {
	out, _ := json.Marshal(map[string]any{"handle": handle, "csrf": f.csrf, "access_token": f.access, "expires_in": 900,
		"user": json.RawMessage(bytes.TrimSpace(f.user)), "idle_until": time.Now().Add(time.Hour)})
	return string(out)
}

// liveSessions is how many sessions identity holds.
func (u *upstream) liveSessions() int {
	u.mu.Lock()
	defer u.mu.Unlock()
	return len(u.sessions)
}

type staticToken string

func (t staticToken) AccessToken(context.Context) (string, error) { return string(t), nil }
