package httpapi_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/poppler"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// incomingYear is n documents UBND received in 2026 (a third each by
// exchange, on paper and from a Sở of ours), registered in order, then a
// confidential one, one of 2025 and one still unregistered, none of
// which the year's general register holds.
func incomingYear(n int) []testenv.Seeded {
	start := time.Date(2026, 1, 2, 8, 0, 0, 0, domain.Zone)
	var docs []testenv.Seeded
	for i := 1; i <= n; i++ {
		at := start.Add(time.Duration(i) * 30 * time.Minute)
		d := testenv.Seeded{ID: fmt.Sprintf("in-%06d", i), Kind: "official_letter", Summary: fmt.Sprintf("Về việc số %d", i),
			Recipients:    []string{id("UBND")},
			ReceiptAgency: id("UBND"), IncomingNumber: int64(i), Arrived: at, RegisteredAt: at.Add(time.Hour), RegisteredBy: "u-ubnd-vt"}
		switch i % 3 {
		case 0:
			d.Channel, d.SenderName, d.OriginalNotation, d.OriginalDate = "exchange", "Bộ Thông tin và Truyền thông", fmt.Sprintf("%d/BTTTT-VP", i), "2026-01-01"
		case 1:
			d.Channel, d.SenderName, d.OriginalNotation, d.OriginalDate = "paper", "Công an tỉnh", fmt.Sprintf("%d/CAT-PV01", i), "2026-01-01"
		default:
			d.Channel, d.IssuerUnitID, d.DraftingUnitID = "internal", id("STTTT"), id("STTTT")
			d.Series, d.Number, d.Notation, d.IssuedAt = domain.SeriesGeneral, int64(i), fmt.Sprintf("%d/STTTT-VP", i), at.Add(-time.Hour)
		}
		docs = append(docs, d)
	}
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, domain.Zone)
	return append(docs,
		testenv.Seeded{ID: "in-secret", Kind: "report", Confidentiality: "secret", Channel: "paper", SenderName: "Bộ Quốc phòng",
			OriginalNotation: "7/BC-BQP", OriginalDate: "2026-02-27", Summary: "Báo cáo mật", Recipients: []string{id("UBND")}, ReceiptAgency: id("UBND"),
			IncomingSeries: domain.SeriesIncomingConfidential, IncomingNumber: 1, Arrived: day, RegisteredAt: day, RegisteredBy: "u-ubnd-vt"},
		testenv.Seeded{ID: "in-2025", Kind: "notice", Channel: "paper", SenderName: "Công an tỉnh", Summary: "Năm trước",
			ReceiptAgency: id("UBND"), IncomingNumber: 1, Arrived: time.Date(2025, 12, 30, 9, 0, 0, 0, domain.Zone), RegisteredBy: "u-ubnd-vt"},
		testenv.Seeded{ID: "in-waiting", Kind: "notice", Channel: "paper", SenderName: "Công an tỉnh", Summary: "Chờ vào sổ",
			ReceiptAgency: id("UBND"), ReceiptStatus: "received", Arrived: day})
}

func registerURL(book string, q ...string) string {
	return "/v1/registers/" + book + "?agency_id=" + id("UBND") + "&year=2026&" + strings.Join(q, "&")
}

// TestIncomingRegister: the register holds the year's registered documents
// in number order with the columns of Decree 30, filtered as asked; only
// the agency's clerks and leaders read it, and the confidential register
// only the entries they are named on.
func TestIncomingRegister(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		testenv.Seed(t, db, incomingYear(60))
		var reg documentsapi.Register
		c.must(200, "GET", registerURL("incoming"), "ubnd.vt", nil, &reg)
		if len(reg.Items) != 60 || reg.AgencyName != "Ủy ban nhân dân tỉnh" || reg.Book != "incoming" || reg.Year != 2026 {
			t.Fatalf("register of %d: %+v", len(reg.Items), reg)
		}
		for i, it := range reg.Items {
			if it.Number != int64(i+1) {
				t.Fatalf("entry %d has number %d", i, it.Number)
			}
		}
		first, second, third := reg.Items[0], reg.Items[1], reg.Items[2]
		if first.Sender != "Công an tỉnh" || first.Notation != "1/CAT-PV01" || first.DocumentDate != "2026-01-01" ||
			first.ArrivedOn != "2026-01-02" || first.KindName != "Công văn" || first.Channel != "paper" {
			t.Fatalf("paper entry %+v", first)
		}
		if second.Sender != "Sở Thông tin và Truyền thông" || second.Notation != "2/STTTT-VP" || second.Channel != "internal" {
			t.Fatalf("internal entry %+v", second)
		}
		if third.Sender != "Bộ Thông tin và Truyền thông" || third.Channel != "exchange" {
			t.Fatalf("exchange entry %+v", third)
		}
		for _, tc := range []struct {
			query string
			want  int
		}{
			{"channel=paper", 20},
			{"channel=exchange", 20},
			{"sender=cong%20an", 20},              // part of the name, without accents
			{"sender=" + id("STTTT"), 20},         // an id
			{"from=2026-01-02&to=2026-01-02", 31}, // 08:30 … 23:30 the first day
			{"from=2026-01-03", 29},
			{"kind=report", 0},
		} {
			c.must(200, "GET", registerURL("incoming", tc.query), "ubnd.ld", nil, &reg)
			if len(reg.Items) != tc.want {
				t.Errorf("%s: %d entries, want %d", tc.query, len(reg.Items), tc.want)
			}
		}
		// The confidential register: its own numbers, only for those named.
		c.must(200, "GET", registerURL("incoming", "confidential=true"), "ubnd.vt", nil, &reg)
		if len(reg.Items) != 1 || reg.Items[0].DocumentID != "in-secret" || reg.Items[0].Number != 1 || !reg.Confidential {
			t.Fatalf("confidential register for its clerk: %+v", reg.Items)
		}
		c.must(200, "GET", registerURL("incoming", "confidential=true"), "ubnd.vt2", nil, &reg)
		if len(reg.Items) != 0 {
			t.Fatalf("confidential register for a clerk not named: %+v", reg.Items)
		}
		// Who may read.
		for _, login := range []string{"ubnd.cv", "kt.cv", "stttt.vt", "stttt.ld"} {
			c.must(403, "GET", registerURL("incoming"), login, nil, nil)
		}
		c.must(401, "GET", registerURL("incoming"), "", nil, nil)
		for _, q := range []string{"format=csv", "year=abc", "year=0", "from=2026-13-01", "kind=memo", "channel=fax", "confidential=maybe"} {
			r := c.do("GET", "/v1/registers/incoming?"+q, "ubnd.vt", nil)
			if r.status != 400 || !strings.Contains(r.ctype, "problem+json") {
				t.Errorf("%s: %d %.300s", q, r.status, r.raw)
			}
		}
		c.must(404, "GET", "/v1/registers/sideways", "ubnd.vt", nil, nil)
	})
}

// TestOutgoingRegister: the outgoing register lists the numbered documents
// of the year by number with their signer, recipients and file copy.
func TestOutgoingRegister(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		at := time.Date(2026, 3, 5, 9, 0, 0, 0, domain.Zone)
		out := func(n int64, series, conf, status string) testenv.Seeded {
			return testenv.Seeded{ID: fmt.Sprintf("out-%s-%d", series, n), Kind: "plan", Status: status, Confidentiality: conf,
				IssuerUnitID: id("UBND"), DraftingUnitID: id("KT"), DrafterID: "u-kt-cv", Summary: "Triển khai chuyển đổi số",
				SignerID: "u-ubnd-ld", SignerName: "Trần Thị Bình", Series: series, Number: n,
				Notation: fmt.Sprintf("%02d/KH-UBND", n), IssuedAt: at.Add(time.Duration(n) * time.Hour), IssuedBy: "u-ubnd-vt",
				Recipients: []string{id("STTTT"), id("SNV")}}
		}
		testenv.Seed(t, db, []testenv.Seeded{out(2, "general", "normal", "issued"), out(1, "general", "normal", "revoked"),
			out(1, "normative", "normal", "issued"), out(1, "confidential", "confidential", "issued")})
		var reg documentsapi.Register
		c.must(200, "GET", registerURL("outgoing"), "ubnd.ld", nil, &reg)
		var got []string
		for _, it := range reg.Items {
			got = append(got, it.DocumentID)
		}
		if fmt.Sprint(got) != "[out-general-1 out-general-2 out-normative-1]" {
			t.Fatalf("outgoing register %v", got)
		}
		it := reg.Items[1]
		if it.Notation != "02/KH-UBND" || it.DocumentDate != "2026-03-05" || it.Signer != "Trần Thị Bình" || it.Keeper != "Phòng Kinh tế" ||
			fmt.Sprint(it.Recipients) != "[Sở Thông tin và Truyền thông Sở Nội vụ]" || it.Copies != 3 || it.KindName != "Kế hoạch" {
			t.Fatalf("entry %+v", it)
		}
		if reg.Items[0].Note != "Đã thu hồi" {
			t.Fatalf("revoked entry's note %q", reg.Items[0].Note)
		}
		c.must(200, "GET", registerURL("outgoing", "recipient=noi%20vu"), "ubnd.vt", nil, &reg)
		if len(reg.Items) != 3 {
			t.Fatalf("recipient filter: %d", len(reg.Items))
		}
		c.must(200, "GET", registerURL("outgoing", "confidential=true"), "ubnd.vt", nil, &reg) // issued_by names the clerk
		if len(reg.Items) != 1 || reg.Items[0].DocumentID != "out-confidential-1" {
			t.Fatalf("confidential outgoing register %+v", reg.Items)
		}
		c.must(200, "GET", registerURL("outgoing", "confidential=true"), "ubnd.vt2", nil, &reg)
		if len(reg.Items) != 0 {
			t.Fatalf("confidential outgoing register for one not named %+v", reg.Items)
		}
	})
}

// outgoingYear is n documents UBND issued in 2026, numbered in order, to
// one or two of our agencies (outgoingTo).
func outgoingYear(n int) []testenv.Seeded {
	start := time.Date(2026, 1, 2, 8, 0, 0, 0, domain.Zone)
	docs := make([]testenv.Seeded, 0, n)
	for i := 1; i <= n; i++ {
		docs = append(docs, testenv.Seeded{ID: fmt.Sprintf("out-%06d", i), Kind: "official_letter", IssuerUnitID: id("UBND"),
			DraftingUnitID: id("KT"), Summary: fmt.Sprintf("Về việc triển khai nhiệm vụ chuyển đổi số năm 2026, đợt %d", i),
			SignerID: "u-ubnd-ld", SignerName: "Trần Thị Bình", Series: domain.SeriesGeneral, Number: int64(i),
			Notation: fmt.Sprintf("%d/UBND-KT", i), IssuedAt: start.Add(time.Duration(i) * 10 * time.Minute), IssuedBy: "u-ubnd-vt",
			Recipients: outgoingTo(i)})
	}
	return docs
}

// outgoingTo are the recipients of outgoingYear's i-th document.
func outgoingTo(i int) []string {
	return [][]string{{id("STTTT")}, {id("STTTT"), id("SNV")}, {id("SNV")}}[i%3]
}

// TestOutgoingRegisterInChunks: a register longer than the chunk the store
// reads at a time (500) lists every entry once, in order, each with its
// own recipients; and more exports at once than SQLite has readers (each
// holds two connections for a moment) all finish.
func TestOutgoingRegisterInChunks(t *testing.T) {
	const n = 1234
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		testenv.Seed(t, db, outgoingYear(n))
		names := map[string]string{id("STTTT"): "Sở Thông tin và Truyền thông", id("SNV"): "Sở Nội vụ"}
		to := func(i int) []string { // the names of entry i's recipients
			var out []string
			for _, u := range outgoingTo(i) {
				out = append(out, names[u])
			}
			return out
		}
		var reg documentsapi.Register
		c.must(200, "GET", registerURL("outgoing"), "ubnd.vt", nil, &reg)
		if len(reg.Items) != n {
			t.Fatalf("%d entries, want %d", len(reg.Items), n)
		}
		for i, it := range reg.Items {
			want := to(i + 1)
			if it.Number != int64(i+1) || fmt.Sprint(it.Recipients) != fmt.Sprint(want) || it.Copies != len(want)+1 {
				t.Fatalf("entry %d: number %d, recipients %v (copies %d), want %v", i, it.Number, it.Recipients, it.Copies, want)
			}
		}
		exports := make(chan reply, 9)
		for range cap(exports) {
			go func() { exports <- c.do("GET", registerURL("outgoing", "format=xlsx"), "ubnd.vt", nil) }()
		}
		var sheet []byte
		for range cap(exports) {
			select {
			case r := <-exports:
				if r.status != 200 || !strings.Contains(r.ctype, "spreadsheetml") {
					t.Fatalf("export at once: %d %s %.200s", r.status, r.ctype, r.raw)
				}
				sheet = r.raw
			case <-time.After(2 * time.Minute):
				t.Fatal("exports at once did not finish")
			}
		}
		// The sheet, read by a library that did not write it, has every
		// entry with its own recipients.
		python := requireOpenpyxl(t)
		path := filepath.Join(t.TempDir(), "so-di.xlsx")
		if err := os.WriteFile(path, sheet, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(python, "-c", readOutgoingXLSX, path).CombinedOutput()
		if err != nil {
			t.Fatalf("openpyxl: %v\n%s", err, out)
		}
		entry := func(i int) string {
			return fmt.Sprintf("%d/UBND-KT|%s|%d", i, strings.Join(to(i), "; "), len(to(i))+1)
		}
		want := fmt.Sprintf("rows: %d\nfirst: %s\nlast: %s\n", n, entry(1), entry(n))
		if string(out) != want {
			t.Fatalf("openpyxl read\n%s\nwant\n%s", out, want)
		}
	})
}

// readOutgoingXLSX prints an outgoing register's entries: how many, and
// the first's and last's notation, recipients and copies.
const readOutgoingXLSX = `
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True).active
rows = [tuple("" if v is None else str(v) for v in r) for r in ws.iter_rows(values_only=True)]
data = [r for r in rows if any(r)][4:]
print("rows: %d" % len(data))
print("first: " + "|".join((data[0][0], data[0][4], data[0][6])))
print("last: " + "|".join((data[-1][0], data[-1][4], data[-1][6])))
`

// TestIncomingRegisterFiles: a year of 10,000 documents exported to .xlsx
// reads back, with a library that did not write it (Python's openpyxl),
// with the register's columns and every entry; the PDF prints on
// landscape pages headed with the agency and the year.
func TestIncomingRegisterFiles(t *testing.T) {
	python := requireOpenpyxl(t)
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		// A year of 10,000; under the race detector SQLite, which it slows
		// some thirty-fold, takes 1,000 (PostgreSQL still takes 10,000).
		n := 10_000
		if raceEnabled && db.Dialect == pkgstore.SQLite {
			n = 1_000
		}
		testenv.Seed(t, db, incomingYear(n))
		r := c.do("GET", registerURL("incoming", "format=xlsx"), "ubnd.vt", nil)
		if r.status != 200 || r.ctype != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
			!strings.Contains(r.disposition, "so-van-ban-den-2026.xlsx") {
			t.Fatalf("xlsx: %d %s %s", r.status, r.ctype, r.disposition)
		}
		path := filepath.Join(t.TempDir(), "so.xlsx")
		if err := os.WriteFile(path, r.raw, 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(python, "-c", readXLSX, path).CombinedOutput()
		if err != nil {
			t.Fatalf("openpyxl: %v\n%s", err, out)
		}
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		want := []string{
			"title: ỦY BAN NHÂN DÂN TỈNH|SỔ ĐĂNG KÝ VĂN BẢN ĐẾN|Năm 2026",
			"header: Ngày đến|Số đến|Tác giả|Số, ký hiệu|Ngày tháng văn bản|Tên loại và trích yếu nội dung|Đơn vị hoặc người nhận|Ký nhận|Ghi chú",
			"rows: " + strconv.Itoa(n),
			"first: 02/01/2026|1|Công an tỉnh|1/CAT-PV01|01/01/2026|Công văn Về việc số 1",
			"last: " + strconv.Itoa(n),
			"numbers in order: True",
		}
		if fmt.Sprint(lines) != fmt.Sprint(want) {
			t.Fatalf("openpyxl read\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}

		// The PDF of the first weeks (a few hundred entries, many pages).
		poppler.Tool(t, "pdftoppm")
		poppler.Tool(t, "pdftotext")
		r = c.do("GET", registerURL("incoming", "format=pdf", "to=2026-01-10"), "ubnd.ld", nil)
		if r.status != 200 || r.ctype != "application/pdf" {
			t.Fatalf("pdf: %d %s %.200s", r.status, r.ctype, r.raw)
		}
		pdf := filepath.Join(t.TempDir(), "so.pdf")
		if err := os.WriteFile(pdf, r.raw, 0o600); err != nil {
			t.Fatal(err)
		}
		w, h := poppler.PageSize(t, pdf)
		if w <= h {
			t.Fatalf("page %dx%d is not landscape", w, h)
		}
		text, err := exec.Command("pdftotext", "-l", "2", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		pages := strings.Split(string(text), "\f")
		for i, p := range pages[:2] {
			for _, s := range []string{"ỦY BAN NHÂN DÂN TỈNH", "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", "Năm 2026", "Số đến", "Trang " + strconv.Itoa(i+1)} {
				if !strings.Contains(p, s) {
					t.Fatalf("page %d lacks %q:\n%s", i+1, s, p)
				}
			}
		}
	})
}

const readXLSX = `
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True).active
rows = [tuple("" if v is None else str(v) for v in r) for r in ws.iter_rows(values_only=True)]
rows = [r for r in rows if any(r)]
print("title: " + "|".join(r[0] for r in rows[:3]))
print("header: " + "|".join(rows[3]))
data = rows[4:]
print("rows: %d" % len(data))
print("first: " + "|".join(data[0][:6]))
print("last: " + data[-1][1])
print("numbers in order: %s" % ([int(r[1]) for r in data] == list(range(1, len(data) + 1))))
`

// requireOpenpyxl finds a Python with openpyxl, or skips unless the
// environment demands one (CI sets EOFFICE_REQUIRE_OPENPYXL=1).
func requireOpenpyxl(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import openpyxl").Run() == nil {
			return p
		}
	}
	if os.Getenv("EOFFICE_REQUIRE_OPENPYXL") == "1" {
		t.Fatal("python3 with openpyxl is required (EOFFICE_REQUIRE_OPENPYXL=1)")
	}
	t.Skip("python3-openpyxl not installed")
	return ""
}
