package console

import (
	"net/http"
	"net/url"
	"testing"
)

func init() {
	sample["GET /v1/reminder-rules"] = `{"agency_id":"stttt","before_days":[3,1],"on_due_day":true,"repeat_every":2,"escalate_after":5}`
	special["PUT /v1/reminder-rules"] = func(_ *upstream, w http.ResponseWriter, r *http.Request, raw []byte) bool {
		return writeJSON(w, http.StatusOK, `{"agency_id":"`+r.URL.Query().Get("agency_id")+`","before_days":[5,1],"on_due_day":false,"repeat_every":3,"escalate_after":10}`)
	}
}

// TestReminderRulesAdmin: an administrator reads and sets an agency's
// reminder rules in Vietnamese; a bad form or a refusal keeps the values
// and says why; a leader may not.
func TestReminderRulesAdmin(t *testing.T) {
	b, csrf := adminBrowser(t)
	checkPage(t, b.get("/admin/reminder-rules?agency=stttt"), http.StatusOK, []string{
		`<a href="/admin/reminder-rules" aria-current="page">Quy tắc nhắc hạn</a>`, "Sở Thông tin và Truyền thông",
		`name="before_days" value="3, 1"`, `name="on_due_day" value="1" checked`, `name="repeat_every" type="number" min="1" max="30" value="2"`,
		`value="5"`, "ngày làm việc"}, nil)
	save := b.post("/admin/reminder-rules", url.Values{"csrf": {csrf}, "agency": {"stttt"}, "before_days": {"5, 1"},
		"repeat_every": {"3"}, "escalate_after": {"10"}})
	if save.status != http.StatusSeeOther || save.location != "/admin/reminder-rules?agency=stttt" {
		t.Fatalf("save: %d %q %s", save.status, save.location, save.body)
	}
	if got := b.up.body("PUT /v1/reminder-rules"); got != `{"before_days":[5,1],"on_due_day":false,"repeat_every":3,"escalate_after":10}` {
		t.Fatalf("sent %s", got)
	}
	checkPage(t, b.get("/admin/reminder-rules?agency=stttt"), http.StatusOK, []string{"Đã lưu quy tắc nhắc hạn của Sở Thông tin và Truyền thông."}, nil)

	bad := b.post("/admin/reminder-rules", url.Values{"csrf": {csrf}, "agency": {"stttt"}, "before_days": {"ba"}, "repeat_every": {"2"}, "escalate_after": {"5"}})
	checkPage(t, bad, http.StatusBadRequest, []string{"Số ngày phải là số nguyên", `value="ba"`}, nil)

	b.up.refuse["PUT /v1/reminder-rules"] = refusal{400, `{"status":400,"title":"Bad Request","detail":"the request has invalid fields","errors":[{"field":"before_days","message":"must be 1 to 30 working days each"}]}`}
	refused := b.post("/admin/reminder-rules", url.Values{"csrf": {csrf}, "agency": {"stttt"}, "before_days": {"45"}, "repeat_every": {"2"}, "escalate_after": {"5"}})
	checkPage(t, refused, http.StatusBadRequest, []string{"Nhắc trước hạn: mỗi mốc từ 1 đến 30 ngày làm việc", `value="45"`}, []string{"working days"})

	l := newBrowser(t)
	l.login()
	if p := l.get("/admin/reminder-rules"); p.status != http.StatusForbidden {
		t.Fatalf("leader: %d", p.status)
	}
}
