package httpapi_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/poppler"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// popplerSig is one signature as pdfsig reports it.
type popplerSig struct{ valid, total bool }

// pdfsig runs poppler's validator, which nobody here wrote, on a PDF.
func pdfsig(t *testing.T, pdf []byte) []popplerSig {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command(poppler.Tool(t, "pdfsig"), path).CombinedOutput() // non-zero on invalid signatures
	var sigs []popplerSig
	for _, block := range strings.Split(string(out), "Signature #")[1:] {
		sigs = append(sigs, popplerSig{
			valid: strings.Contains(block, "Signature Validation: Signature is Valid."),
			total: strings.Contains(block, "Total document signed"),
		})
	}
	return sigs
}

// layoutText is pdftotext -layout of the first page.
func layoutText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(poppler.Tool(t, "pdftotext"), "-layout", "-f", "1", "-l", "1", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// layoutTextAll is pdftotext -layout of every page.
func layoutTextAll(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(poppler.Tool(t, "pdftotext"), "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// column is where s starts on its line of text (in characters), -1 when
// absent; line is its line number.
func column(text, s string) (line, col int) {
	for i, l := range strings.Split(text, "\n") {
		if j := strings.Index(l, s); j >= 0 {
			return i, len([]rune(l[:j]))
		}
	}
	return -1, -1
}

type signatures struct {
	Items []struct {
		Signer              string `json:"signer"`
		Kind                string `json:"kind"`
		Valid               bool   `json:"valid"`
		CoversWholeDocument bool   `json:"covers_whole_document"`
		Trusted             bool   `json:"trusted"`
		CertificateSubject  string `json:"certificate_subject"`
	} `json:"items"`
}

func TestIssuedDocumentPDF(t *testing.T) {
	poppler.Tool(t, "pdfsig")
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		sign, _ := testenv.LocalSigning(t)
		// Signed PDFs are larger than the suite's usual upload limit.
		e := testenv.New(t, db, testenv.WithSigning(sign), func(c *app.Config) { c.MaxAttachment = 4 << 20 })
		c := client{t, e}
		e.Facts.SetPosition("ubnd.ld", "Phó Chủ tịch", domain.PositionDeputy)

		var d document
		c.must(201, "POST", "/v1/documents", "ubnd.cv", validBody(), &d)
		pdfPath := "/v1/documents/" + d.ID + "/pdf"
		// Before issue: no signed PDF, a preview for the drafter and the
		// approving leader only.
		c.problem("GET", pdfPath, "ubnd.cv", nil, 409, "", "draft")
		for login, want := range map[string]int{"ubnd.cv": 200, "ubnd.ld": 200, "ubnd.vt": 403, "kt.cv": 403, "stttt.ld": 404, "": 401} {
			if r := c.do("GET", pdfPath+"?preview=true", login, nil); r.status != want {
				t.Errorf("preview as %q: %d %s, want %d", login, r.status, r.raw, want)
			} else if want == 200 && (r.ctype != "application/pdf" || !strings.HasPrefix(string(r.raw), "%PDF-")) {
				t.Errorf("preview as %q: %s", login, r.ctype)
			}
		}
		preview := c.do("GET", pdfPath+"?preview=true", "ubnd.cv", nil)
		if sigs := pdfsig(t, preview.raw); len(sigs) != 0 {
			t.Errorf("the preview is signed: %+v", sigs)
		}
		c.problem("GET", "/v1/documents/"+d.ID+"/signatures", "ubnd.cv", nil, 409, "", "draft")

		c.must(200, "POST", "/v1/documents/"+d.ID+"/submit", "ubnd.cv", nil, nil)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/approve", "ubnd.ld", map[string]any{"signing_mark": "KT."}, nil)
		var issued struct {
			Notation string `json:"notation"`
			PDF      *struct {
				AttachmentID string `json:"attachment_id"`
				SHA256       string `json:"sha256"`
				Pages        int    `json:"pages"`
			} `json:"pdf"`
			Attachments []struct {
				ID     string `json:"id"`
				System string `json:"system"`
			} `json:"attachments"`
		}
		c.must(200, "POST", "/v1/documents/"+d.ID+"/issue", "ubnd.vt", nil, &issued)
		if issued.PDF == nil || issued.PDF.Pages != 1 || len(issued.Attachments) != 1 ||
			issued.Attachments[0].ID != issued.PDF.AttachmentID || issued.Attachments[0].System != "issued_pdf" {
			t.Fatalf("issued: %+v", issued)
		}

		// Whoever may read the document reads its PDF: a recipient too.
		r := c.do("GET", pdfPath, "stttt.ld", nil)
		if r.status != 200 || r.ctype != "application/pdf" || fmt.Sprintf("%x", sha256.Sum256(r.raw)) != issued.PDF.SHA256 ||
			!strings.HasPrefix(r.disposition, "inline") {
			t.Fatalf("GET pdf: %d %s %s", r.status, r.ctype, r.disposition)
		}
		if r := c.do("GET", pdfPath, "syt.ld", nil); r.status != 404 {
			t.Errorf("GET pdf as a stranger: %d", r.status)
		}
		// The attachment is the system's: not removable.
		if r := c.do("DELETE", "/v1/documents/"+d.ID+"/attachments/"+issued.PDF.AttachmentID, "ubnd.cv", nil); r.status != 403 && r.status != 409 {
			t.Errorf("DELETE the PDF: %d %s", r.status, r.raw)
		}

		text := layoutText(t, r.raw)
		checkLayout(t, text, issued.Notation)

		sigs := pdfsig(t, r.raw)
		if len(sigs) != 2 || !sigs[0].valid || !sigs[1].valid || !sigs[1].total {
			t.Fatalf("pdfsig: %+v", sigs)
		}
		var got signatures
		c.must(200, "GET", "/v1/documents/"+d.ID+"/signatures", "stttt.ld", nil, &got)
		if len(got.Items) != 2 || got.Items[0].Kind != "person" || !strings.Contains(got.Items[0].Signer, "Trần Thị Bình") ||
			got.Items[1].Kind != "agency" || !strings.Contains(got.Items[1].Signer, "Ủy ban nhân dân tỉnh") {
			t.Fatalf("signatures: %+v", got.Items)
		}
		for i, s := range got.Items {
			if !s.Valid || !s.CoversWholeDocument || !s.Trusted {
				t.Errorf("signature %d: %+v", i, s)
			}
		}

		// One byte changed inside the signed range: pdfsig says so, and so
		// does our verification of the same file received as an attachment.
		tampered := append([]byte(nil), r.raw...)
		tampered[1000] ^= 0x01
		if after := pdfsig(t, tampered); len(after) != 2 || after[0].valid || after[1].valid {
			t.Errorf("pdfsig after a changed byte: %+v", after)
		}
		var draft document
		c.must(201, "POST", "/v1/documents", "stttt.cv", map[string]any{"kind": "report", "summary": "Báo cáo kèm văn bản nhận",
			"recipients": []string{id("UBND")}}, &draft)
		for name, content := range map[string][]byte{"nguyen-ban.pdf": r.raw, "bi-sua.pdf": tampered} {
			var att struct {
				ID string `json:"id"`
			}
			upload(t, e, draft.ID, "stttt.cv", name, "application/pdf", content, "", 201, &att)
			var v signatures
			c.must(200, "GET", "/v1/documents/"+draft.ID+"/attachments/"+att.ID+"/signatures", "stttt.cv", nil, &v)
			intact := name == "nguyen-ban.pdf"
			if len(v.Items) != 2 || v.Items[0].Valid != intact || v.Items[1].Valid != intact {
				t.Errorf("%s: %+v", name, v.Items)
			}
		}
	})
}

// checkLayout holds the first page's text to the decree's places: the
// national title at the top right, the number at the top left, the date
// line at the right, the kind, the signature block at the right and the
// recipients at the left.
func checkLayout(t *testing.T, text, notation string) {
	t.Helper()
	dateLine := regexp.MustCompile(`, ngày \d{2} tháng \d{2} năm \d{4}`).FindString(text)
	checks := []struct {
		what, s      string
		maxLine      int
		minCol, maxC int
	}{
		{"quốc hiệu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 4, 25, 200},
		{"tiêu ngữ", "Độc lập - Tự do - Hạnh phúc", 6, 25, 200},
		{"agency", "ỦY BAN NHÂN DÂN TỈNH", 4, 0, 15},
		{"number", "Số: " + notation, 10, 0, 15},
		{"date line", dateLine, 10, 25, 200},
		{"kind", "CHỈ THỊ", 20, 15, 60},
		{"mark", "KT. CHỦ TỊCH", 200, 35, 200},
		{"position", "PHÓ CHỦ TỊCH", 200, 35, 200},
		{"signer", "Trần Thị Bình", 200, 35, 200},
		{"recipients", "Nơi nhận:", 200, 0, 5},
		{"archive", "- Lưu: VT", 200, 0, 5},
	}
	for _, c := range checks {
		line, col := column(text, c.s)
		if c.s == "" || line < 0 || line > c.maxLine || col < c.minCol || col > c.maxC {
			t.Errorf("%s %q at line %d column %d, want by line %d in columns %d–%d\n%s", c.what, c.s, line, col,
				c.maxLine, c.minCol, c.maxC, text)
		}
	}
}
