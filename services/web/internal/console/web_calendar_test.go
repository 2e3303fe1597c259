package console

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const calendar2026 = `{"agency_id":"stttt","year":2026,"source":"shipped","days":[
	{"date":"2026-01-01","off":true,"name":"Tết Dương lịch"},
	{"date":"2026-01-10","off":false,"name":"Làm bù cho thứ Sáu 02/01/2026"},
	{"date":"2026-02-17","off":true,"name":"Tết Nguyên đán (mùng 1 tháng Giêng)"}]}`

func init() {
	special["GET /v1/calendars/2026"] = func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		u.note("calendar agency", r.URL.Query().Get("agency_id"))
		return writeJSON(w, http.StatusOK, calendar2026)
	}
	for _, k := range []string{"PUT /v1/calendars/2026", "DELETE /v1/calendars/2026"} {
		special[k] = func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
			u.note(k+" agency", r.URL.Query().Get("agency_id"))
			return writeJSON(w, http.StatusOK, calendar2026)
		}
	}
}

// TestAdminCalendar: the administrator sees an agency's year of holidays
// and swapped days in Vietnamese (dd/mm/yyyy, the weekday), edits it as
// lines, is told line by line what is wrong without a call, and saves or
// resets it for the agency chosen.
func TestAdminCalendar(t *testing.T) {
	b, csrf := adminBrowser(t)
	p := b.get("/admin/calendar?year=2026")
	if p.status != http.StatusOK {
		t.Fatalf("GET: %d %s", p.status, p.body)
	}
	expectText(t, p.body, []string{"Lịch làm việc năm 2026", "17/02/2026", "Thứ Ba", "Tết Nguyên đán (mùng 1 tháng Giêng)",
		"10/01/2026", "Thứ Bảy", "Làm bù", "Lịch theo thông báo nghỉ lễ, Tết của Chính phủ",
		"10/01/2026; làm bù; Làm bù cho thứ Sáu 02/01/2026", `<option value="stttt" selected>`},
		[]string{"2026-02-17", "shipped"})
	if got := b.up.body("calendar agency"); got != "stttt" {
		t.Errorf("read the calendar of %q, want stttt (the first agency)", got)
	}

	bad := b.post("/admin/calendar", url.Values{"csrf": {csrf}, "year": {"2026"}, "agency_id": {"stttt"}, "action": {"save"},
		"days": {"02/09/2026 nghỉ Quốc khánh\n31/02/2026; nghỉ; Ngày lạ\n03/09/2026; làm bù; Làm bù\n01/01/2027; nghỉ; Năm sau"}})
	if bad.status != http.StatusBadRequest {
		t.Fatalf("bad lines: %d", bad.status)
	}
	expectText(t, bad.body, []string{"Dòng 1: cần ghi", "Dòng 2: ngày không đúng dạng dd/mm/yyyy",
		"Dòng 3: ngày làm bù phải là thứ Bảy hoặc Chủ nhật", "Ngày 01/01/2027 không thuộc năm 2026", "02/09/2026 nghỉ Quốc khánh"}, nil)
	if sent := b.up.sent(); len(sent) != 1 {
		t.Fatalf("bad lines reached the services: %v", sent)
	}

	good := b.post("/admin/calendar", url.Values{"csrf": {csrf}, "year": {"2026"}, "agency_id": {"stttt"}, "action": {"save"},
		"days": {"10/03/2026; nghỉ; Kỷ niệm ngày thành lập Sở\r\n\r\n14/3/2026; làm bù; Làm bù cho 10/03\r\n"}})
	if good.status != http.StatusSeeOther || good.location != "/admin/calendar?year=2026&agency_id=stttt" {
		t.Fatalf("save: %d %q %s", good.status, good.location, good.body)
	}
	want := `{"days":[{"date":"2026-03-10","off":true,"name":"Kỷ niệm ngày thành lập Sở"},{"date":"2026-03-14","off":false,"name":"Làm bù cho 10/03"}]}`
	if got := strings.TrimSpace(b.up.body("PUT /v1/calendars/2026")); got != want {
		t.Fatalf("sent %s, want %s", got, want)
	}
	if got := b.up.body("PUT /v1/calendars/2026 agency"); got != "stttt" {
		t.Errorf("saved for %q", got)
	}
	expectText(t, b.get(good.location).body, []string{"Đã lưu lịch làm việc năm 2026."}, nil)

	reset := b.post("/admin/calendar", url.Values{"csrf": {csrf}, "year": {"2026"}, "agency_id": {"stttt"}, "action": {"reset"}})
	if reset.status != http.StatusSeeOther || b.up.body("DELETE /v1/calendars/2026 agency") != "stttt" {
		t.Fatalf("reset: %d %v", reset.status, b.up.sent())
	}
}
