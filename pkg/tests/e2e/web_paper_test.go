package e2e

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestWebConsolePaper: a clerk registers in the console a document that
// arrived on paper (a future date is refused in Vietnamese first), gets
// its incoming number, uploads its scan on its page, and finds it in the
// incoming box under the paper channel with its sender and notation; the
// agency's leader directs it as any other incoming document.
func TestWebConsolePaper(t *testing.T) {
	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	summary := "Về việc cắt điện định kỳ " + time.Now().Format("150405")
	sender := "Công ty Điện lực Khánh Hòa"

	vt := webLogin(t, s.web, "ubnd.vanthu")
	_, form := vt.get("/incoming/paper")
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(form)
	if key == nil || !strings.Contains(form, "Vào sổ văn bản giấy") {
		t.Fatalf("paper form:\n%s", form)
	}
	fields := url.Values{"key": {key[1]}, "sender": {sender}, "original_notation": {"88/PCKH-KD"},
		"original_date": {time.Now().AddDate(0, 0, 2).Format("2006-01-02")}, "kind": {"official_letter"},
		"summary": {summary}, "urgency": {"urgent"}, "confidentiality": {"normal"}, "pages": {"2"}}
	status, _, body := vt.post("/incoming/paper", fields)
	if status != http.StatusBadRequest || !strings.Contains(body, "Ngày văn bản: không được sau ngày hôm nay") || !strings.Contains(body, `value="`+sender+`"`) {
		t.Fatalf("a future date: %d\n%s", status, body)
	}
	fields.Set("original_date", time.Now().AddDate(0, 0, -3).Format("2006-01-02"))
	status, loc, body := vt.post("/incoming/paper", fields)
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/documents/") || !strings.HasSuffix(loc, "#h-attachments") {
		t.Fatalf("register: %d %q\n%s", status, loc, body)
	}
	docPath := strings.TrimSuffix(loc, "#h-attachments")
	_, page := vt.get(docPath)
	for _, w := range []string{"Đã vào sổ văn bản đến, số đến ", "<dt>Nguồn</dt><dd>Giấy</dd>", "<dt>Nơi gửi</dt><dd>" + sender,
		"<dt>Số, ký hiệu gốc</dt><dd>88/PCKH-KD</dd>", "<dt>Số trang</dt><dd>2</dd>", "Thêm bản quét"} {
		if !strings.Contains(page, w) {
			t.Fatalf("document page lacks %q:\n%s", w, page)
		}
	}
	if status, loc := vt.upload(docPath+"/attachments", "ban-quet.pdf", "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"); status != http.StatusSeeOther || loc != docPath {
		t.Fatalf("scan upload: %d %q", status, loc)
	}
	if _, page = vt.get(docPath); !strings.Contains(page, "Đã tải lên tệp ban-quet.pdf.") || !strings.Contains(page, ">ban-quet.pdf</a>") {
		t.Fatalf("the scan is not on the page:\n%s", page)
	}

	_, box := vt.get("/incoming?channel=paper")
	row := regexp.MustCompile(`(?s)<tr class="row-urgent">.*?` + regexp.QuoteMeta(summary)).FindString(box)
	if !strings.Contains(row, `channel-paper">Giấy</span>`) || !strings.Contains(row, sender) || !strings.Contains(row, "88/PCKH-KD") {
		t.Fatalf("the incoming box's paper row:\n%s", box)
	}
	_, other := vt.get("/incoming?channel=exchange")
	if strings.Contains(other, summary) {
		t.Fatal("a paper document is listed under the exchange channel")
	}

	ld := webLogin(t, s.web, "ubnd.lanhdao")
	ld.act(docPath+"/direct", url.Values{"lead_unit_id": {o.units["VPUBND"].ID}, "due_date": {time.Now().AddDate(0, 0, 10).Format("2006-01-02")},
		"note": {"Văn phòng chủ trì"}}, docPath, "Đã phân công xử lý")
}
