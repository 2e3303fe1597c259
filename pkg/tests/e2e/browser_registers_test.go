package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// TestBrowserRegistersAndStatistics plays registers.mjs in headless
// Chromium: UBND's clerk filters the incoming register by period and by
// kind and downloads it as .xlsx and .pdf; the leader opens Thống kê. The
// spreadsheet is read back with Python's openpyxl and the PDF with
// poppler (tools that did not write them); the figures the statistics page
// showed are checked against GET /v1/statistics/documents.
func TestBrowserRegistersAndStatistics(t *testing.T) {
	dir := browserTestDir()
	node, chromium := needBrowser(t, dir)
	shots := screenshotDir(t)
	t.Logf("screenshots: %s", shots)

	s := startStack(t)
	admin := login(t, s.identity, "admin", s.adminPassword)
	o := seed(t, s, admin)
	tok := o.users
	// Six documents on paper reach UBND today, two of them decisions; UBND
	// issues one directive of its own.
	incoming := []struct{ sender, notation, kind, summary, urgency string }{
		{"Bộ Nội vụ", "125/BNV-CCVC", "official_letter", "Về việc tuyển dụng công chức năm 2026", "normal"},
		{"Bộ Tài chính", "17/QĐ-BTC", "decision", "Ban hành định mức chi hội nghị", "urgent"},
		{"Công an tỉnh", "88/CAT-PV01", "official_letter", "Về việc bảo đảm an ninh dịp Tết", "flash"},
		{"Văn phòng Chính phủ", "42/QĐ-TTg", "decision", "Phê duyệt Đề án chuyển đổi số", "normal"},
		{"Sở Tài chính", "310/STC-NS", "report", "Tình hình thu ngân sách 11 tháng năm 2026", "normal"},
		{"Bộ Thông tin và Truyền thông", "5/GM-BTTTT", "invitation", "Dự hội nghị trực tuyến về chuyển đổi số", "very_urgent"},
	}
	decisions := 0
	for _, d := range incoming {
		must(t, http.StatusCreated, "POST", s.documents+"/v1/documents/incoming", tok["ubnd.vanthu"], documentsapi.NewIncoming{
			Sender: documentsapi.Sender{Name: d.sender}, OriginalNotation: d.notation, OriginalDate: time.Now().AddDate(0, 0, -3).Format(time.DateOnly),
			Kind: d.kind, Summary: d.summary, Urgency: d.urgency, Pages: 2}, nil)
		if d.kind == "decision" {
			decisions++
		}
	}
	var own documentsapi.Document
	must(t, http.StatusCreated, "POST", s.documents+"/v1/documents", tok["ubnd.chuyenvien"], documentsapi.NewDocument{Kind: "directive",
		Summary: "Về tăng cường cải cách hành chính", Body: "Các sở, ngành thực hiện.", Recipients: []string{o.units["STTTT"].ID}}, &own)
	u := s.documents + "/v1/documents/" + own.ID
	must(t, http.StatusOK, "POST", u+"/submit", tok["ubnd.chuyenvien"], nil, nil)
	must(t, http.StatusOK, "POST", u+"/approve", tok["ubnd.lanhdao"], nil, nil)
	must(t, http.StatusOK, "POST", u+"/issue", tok["ubnd.vanthu"], nil, &own)

	vn := time.FixedZone("ICT", 7*3600)
	now := time.Now().In(vn)
	yesterday := ""
	if now.YearDay() > 1 {
		yesterday = now.AddDate(0, 0, -1).Format("02/01/2006")
	}
	files := shots // the downloads beside the screenshots, to look at them too
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "registers.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"STORY_BASE_URL="+s.web, "STORY_PASSWORD="+password, "STORY_RECIPIENT_UNIT="+o.units["STTTT"].ID,
		"STORY_SCREENSHOTS="+shots, "CHROMIUM_PATH="+chromium, "FORCE_COLOR=0",
		"REG_OUT="+files, "REG_TODAY="+now.Format("02/01/2006"), "REG_YESTERDAY="+yesterday, "REG_YEAR="+strconv.Itoa(now.Year()),
		"REG_ALL="+strconv.Itoa(len(incoming)), "REG_DECISIONS="+strconv.Itoa(decisions),
	)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("browser registers failed (%v); screenshots in %s:\n%s", err, shots, out)
	}
	t.Logf("browser registers:\n%s", out)

	t.Run("xlsx", func(t *testing.T) {
		python := needOpenpyxl(t)
		for _, c := range []struct {
			file  string
			rows  int
			kinds []string
		}{
			{"decisions.xlsx", decisions, []string{"Quyết định"}},
			{"register.xlsx", len(incoming), nil},
		} {
			got, err := exec.Command(python, "-c", readRegisterXLSX, filepath.Join(files, c.file)).CombinedOutput()
			if err != nil {
				t.Fatalf("openpyxl %s: %v\n%s", c.file, err, got)
			}
			var x struct {
				Title, Header []string
				Rows          [][]string
			}
			if err := json.Unmarshal(got, &x); err != nil {
				t.Fatalf("%s: %v\n%s", c.file, err, got)
			}
			want := []string{"Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung"}
			if len(x.Header) < len(want) || strings.Join(x.Header[:len(want)], "|") != strings.Join(want, "|") {
				t.Errorf("%s: header %q", c.file, x.Header)
			}
			if len(x.Title) < 3 || !strings.Contains(strings.ToUpper(x.Title[0]), "ỦY BAN NHÂN DÂN") || !strings.HasPrefix(x.Title[2], "Năm "+strconv.Itoa(now.Year())) {
				t.Errorf("%s: title %q", c.file, x.Title)
			}
			if len(x.Rows) != c.rows {
				t.Fatalf("%s: %d rows, want %d: %q", c.file, len(x.Rows), c.rows, x.Rows)
			}
			for _, r := range x.Rows {
				if r[0] != now.Format("02/01/2006") {
					t.Errorf("%s: arrived %q, want today", c.file, r[0])
				}
				if c.kinds != nil && !strings.HasPrefix(r[5], c.kinds[0]+" ") {
					t.Errorf("%s: a row of another kind: %q", c.file, r[5])
				}
			}
		}
	})

	t.Run("pdf", func(t *testing.T) {
		pdftotext, pdfinfo := needPoppler(t, "pdftotext"), needPoppler(t, "pdfinfo")
		pdf := filepath.Join(files, "register.pdf")
		info, err := exec.Command(pdfinfo, pdf).Output()
		if err != nil {
			t.Fatalf("pdfinfo: %v", err)
		}
		var w, h float64
		for _, l := range strings.Split(string(info), "\n") {
			if strings.HasPrefix(l, "Page size:") {
				fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(l, "Page size:")), "%f x %f", &w, &h)
			}
		}
		if w <= h {
			t.Errorf("page %.0fx%.0f pt is not A4 landscape:\n%s", w, h, info)
		}
		text, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		flat := strings.Join(strings.Fields(string(text)), " ")
		for _, want := range []string{"SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", "Năm " + strconv.Itoa(now.Year()), "Số đến"} {
			if !strings.Contains(flat, want) {
				t.Errorf("the PDF lacks %q:\n%s", want, text)
			}
		}
		for _, d := range incoming {
			if !strings.Contains(flat, d.notation) {
				t.Errorf("the PDF lacks %s:\n%s", d.notation, text)
			}
		}
	})

	t.Run("statistics", func(t *testing.T) {
		raw, err := os.ReadFile(filepath.Join(files, "statistics.json"))
		if err != nil {
			t.Fatal(err)
		}
		var seen struct {
			From, To, Received, Sent, Share string
			Channels, Kinds, Urgencies      map[string][]string
			Handling                        map[string][]string
			Text                            string
		}
		if err := json.Unmarshal(raw, &seen); err != nil {
			t.Fatal(err)
		}
		year := strconv.Itoa(now.Year())
		if seen.From != "01/01/"+year || seen.To != "31/12/"+year {
			t.Fatalf("the page shows %s – %s, want the year %s", seen.From, seen.To, year)
		}
		var st documentsapi.Statistics
		must(t, http.StatusOK, "GET", s.documents+"/v1/statistics/documents?from="+year+"-01-01&to="+year+"-12-31", tok["ubnd.lanhdao"], nil, &st)
		if st.Received.Total != len(incoming) || st.Sent.Total != 1 {
			t.Fatalf("the API counts %d received, %d sent; want %d and 1", st.Received.Total, st.Sent.Total, len(incoming))
		}
		n := strconv.Itoa
		check := func(what, got, want string) {
			t.Helper()
			if got != want {
				t.Errorf("%s: the page shows %q, the API %q", what, got, want)
			}
		}
		check("received", seen.Received, n(st.Received.Total))
		check("sent", seen.Sent, n(st.Sent.Total))
		check("share", seen.Share, strings.Replace(strconv.FormatFloat(st.Electronic.Share*100, 'f', 1, 64), ".", ",", 1)+"%")
		check("paper", strings.Join(seen.Channels["Bản giấy"], "/"), n(st.Received.ByChannel["paper"])+"/"+n(st.Sent.ByChannel["paper"]))
		for kind, in := range st.Received.ByKind {
			check("kind "+kind, strings.Join(seen.Kinds[wording.KindName(kind)], "/"), n(in)+"/"+n(st.Sent.ByKind[kind]))
		}
		for kind, out := range st.Sent.ByKind {
			check("sent kind "+kind, strings.Join(seen.Kinds[wording.KindName(kind)], "/"), n(st.Received.ByKind[kind])+"/"+n(out))
		}
		if len(seen.Kinds) != len(st.Received.ByKind)+len(st.Sent.ByKind) { // no kind both received and sent here
			t.Errorf("kinds on the page %v, in the API %v and %v", seen.Kinds, st.Received.ByKind, st.Sent.ByKind)
		}
		for u, in := range st.Received.ByUrgency {
			check("urgency "+u, strings.Join(seen.Urgencies[wording.Urgency(u)], "/"), n(in)+"/"+n(st.Sent.ByUrgency[u]))
		}
		for _, h := range st.Handling {
			if h.UserID == "" && h.UnitID == "" {
				check("registered by the agency", seen.Handling["Toàn cơ quan"][0], n(h.Registered))
			}
		}
		// Officials' words only: no codes, no ISO dates, no decimal point.
		for _, bad := range []string{"official_letter", "very_urgent", year + "-", "paper", "exchange"} {
			if strings.Contains(seen.Text, bad) {
				t.Errorf("the statistics page shows %q:\n%s", bad, seen.Text)
			}
		}
	})
}

// readRegisterXLSX prints a register's title lines, header and rows as
// JSON, as openpyxl reads them.
const readRegisterXLSX = `
import sys, json, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True).active
rows = [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
rows = [r for r in rows if any(r)]
print(json.dumps({"Title": [r[0] for r in rows[:3]], "Header": rows[3], "Rows": rows[4:]}, ensure_ascii=False))
`

// needOpenpyxl finds a Python with openpyxl, or skips unless
// EOFFICE_REQUIRE_OPENPYXL=1 makes that a failure.
func needOpenpyxl(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	if os.Getenv("EOFFICE_REQUIRE_OPENPYXL") == "1" {
		t.Fatal("python3 with openpyxl is required (EOFFICE_REQUIRE_OPENPYXL=1)")
	}
	t.Skip("no python3 with openpyxl (apt-get install python3-openpyxl)")
	return ""
}

// needPoppler finds one of poppler's tools, or skips unless
// EOFFICE_REQUIRE_POPPLER=1 makes that a failure.
func needPoppler(t *testing.T, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err == nil {
		return p
	}
	if os.Getenv("EOFFICE_REQUIRE_POPPLER") == "1" {
		t.Fatalf("%s is required (EOFFICE_REQUIRE_POPPLER=1): %v", tool, err)
	}
	t.Skipf("no %s (apt-get install poppler-utils)", tool)
	return ""
}
