package console

import (
	"mime"
	"net/http"
	"strings"
	"testing"
)

func init() {
	sample["GET /v1/documents/d-pdf"] = `{"id":"d-pdf","kind":"decision","kind_name":"Quyết định","status":"issued","issuer_unit_id":"stttt","summary":"Về việc ban hành quy chế","urgency":"normal","confidentiality":"normal","recipients":["snv"],"notation":"7/QĐ-STTTT","number":7,"issued_at":"2026-11-20T02:30:00Z","created_at":"2026-11-19T02:30:00Z",
		"pdf":{"attachment_id":"a-off","sha256":"ab","pages":2},
		"attachments":[{"id":"a-off","filename":"7-QD-STTTT.pdf","content_type":"application/pdf","size":2048,"system":"issued_pdf"},{"id":"a-word","filename":"Phụ lục.docx","content_type":"application/vnd.openxmlformats-officedocument.wordprocessingml.document","size":1024}]}`
	sample["GET /v1/documents/d-pdf/signatures"] = `{"items":[
		{"signer":"Phạm Quốc Dũng","kind":"person","signed_at":"2026-11-20T02:30:00Z","certificate_subject":"CN=Phạm Quốc Dũng,O=STTTT","valid":true,"covers_whole_document":false},
		{"signer":"Sở Thông tin và Truyền thông","kind":"agency","signed_at":"2026-11-20T02:31:00Z","certificate_subject":"CN=Sở Thông tin và Truyền thông","valid":false,"covers_whole_document":true}]}`
	sample["GET /v1/documents/d-pdf/attachments/a-off/signatures"] = `{"items":[
		{"signer":"Nguyễn Văn An","kind":"person","signed_at":"2026-11-21T09:05:00Z","certificate_subject":"CN=Nguyễn Văn An","valid":true,"covers_whole_document":true}]}`
	special["GET /v1/documents/d-pdf/pdf"] = func(u *upstream, w http.ResponseWriter, r *http.Request, _ []byte) bool {
		if r.Header.Get("Authorization") != "Bearer SECRET-access" {
			return writeJSON(w, http.StatusUnauthorized, `{"status":401}`)
		}
		u.note("pdf query", r.URL.RawQuery)
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "7-QĐ-STTTT.pdf"}))
		_, _ = w.Write([]byte(pdf))
		return true
	}
}

// TestDocumentPDF: the viewer's route streams the service's PDF to be
// shown in the page's frame (or saved), asking for a preview when told.
func TestDocumentPDF(t *testing.T) {
	tests := []struct {
		path, query, disposition string
	}{
		{"/documents/d-pdf/pdf", "", "inline"},
		{"/documents/d-pdf/pdf?download=1", "", "attachment"},
		{"/documents/d-pdf/pdf?preview=true", "preview=true", "inline"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			b := newBrowser(t)
			b.login()
			p := b.get(tt.path)
			if p.status != http.StatusOK || p.body != pdf || p.header.Get("Content-Type") != "application/pdf" {
				t.Fatalf("%d %q %v", p.status, p.body, p.header)
			}
			if got := b.up.body("pdf query"); got != tt.query {
				t.Fatalf("service asked with %q", got)
			}
			d, params, err := mime.ParseMediaType(p.header.Get("Content-Disposition"))
			if err != nil || d != tt.disposition || params["filename"] != "7-QĐ-STTTT.pdf" {
				t.Fatalf("disposition %q", p.header.Get("Content-Disposition"))
			}
			csp := p.header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "frame-ancestors 'self'") || strings.Contains(csp, "sandbox") ||
				p.header.Get("X-Frame-Options") != "SAMEORIGIN" || !strings.Contains(p.header.Get("Cache-Control"), "no-store") {
				t.Fatalf("headers %v", p.header)
			}
		})
	}
	t.Run("before the PDF is made", func(t *testing.T) {
		b := newBrowser(t)
		b.login()
		b.up.refuse["GET /v1/documents/d-pdf/pdf"] = refusal{409, `{"status":409,"detail":"the PDF is being made"}`}
		if p := b.get("/documents/d-pdf/pdf"); p.status != http.StatusConflict {
			t.Fatalf("%d %s", p.status, p.body)
		}
	})
	t.Run("the page may frame the viewer, no other site may frame the page", func(t *testing.T) {
		b := newBrowser(t)
		b.login()
		csp := b.get("/documents/d-pdf").header.Get("Content-Security-Policy")
		for _, want := range []string{"frame-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Fatalf("CSP %q lacks %q", csp, want)
			}
		}
	})
}

// TestDocumentSignatures: the document page embeds the issued PDF and
// lists its signatures in Vietnamese, waits while the PDF is made, offers
// a draft's preview and checks a PDF attachment's signatures.
func TestDocumentSignatures(t *testing.T) {
	tests := []struct {
		name, path string
		refuse     map[string]refusal
		want, not  []string
	}{
		{"issued with its PDF", "/documents/d-pdf", nil, []string{
			`<h2 id="h-pdf">Văn bản điện tử (PDF)</h2>`, `<iframe class="pdf" src="/documents/d-pdf/pdf"`,
			`href="/documents/d-pdf/pdf?download=1"`, "<th scope=\"col\">Người ký</th>",
			`<td data-label="Người ký">Phạm Quốc Dũng</td><td data-label="Loại">Cá nhân</td><td data-label="Thời gian ký">20/11/2026 09:30</td><td data-label="Chứng thư"><small>CN=Phạm Quốc Dũng,O=STTTT</small></td>`,
			`M9 16.17 4.83 12l-1.42 1.41L9 19 21 7l-1.41-1.41z"/></svg> Hợp lệ</span>`, "Đã thay đổi",
			`<td data-label="Loại">Cơ quan</td><td data-label="Thời gian ký">20/11/2026 09:31</td>`,
			`<span class="bad"><svg class="icon" aria-hidden="true"`, "Không hợp lệ</span>", "Không thay đổi từ khi ký",
			`<a href="/documents/d-pdf?verify=a-off#h-verify">Kiểm tra chữ ký</a>`},
			[]string{"Đang tạo bản PDF", "?verify=a-word", "Xem trước (PDF)"}},
		{"the PDF still being made", "/documents/d-pdf",
			map[string]refusal{"GET /v1/documents/d-pdf/signatures": {409, `{"status":409,"detail":"the PDF is being made"}`}},
			[]string{"Đang tạo bản PDF…"}, []string{"<iframe", "Thời gian ký"}},
		{"issued before its PDF exists", "/documents/d-flash", nil,
			[]string{`<h2 id="h-pdf">Văn bản điện tử (PDF)</h2>`, "Đang tạo bản PDF…"}, []string{"<iframe"}},
		{"an attachment's signatures", "/documents/d-pdf?verify=a-off", nil,
			[]string{`<h3 id="h-verify">Chữ ký số của tệp 7-QD-STTTT.pdf</h3>`, `<td data-label="Người ký">Nguyễn Văn An</td>`, "21/11/2026 16:05"}, nil},
		{"not a PDF: nothing to check", "/documents/d-pdf?verify=a-word", nil, nil, []string{`id="h-verify"`}},
		{"a draft offers its preview to an approver", "/documents/d-plandraft", nil,
			[]string{`href="/documents/d-plandraft/pdf?preview=true"`, "Xem trước (PDF)"}, []string{`id="h-pdf"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBrowser(t)
			b.login()
			for k, v := range tt.refuse {
				b.up.refuse[k] = v
			}
			p := b.get(tt.path)
			if p.status != http.StatusOK {
				t.Fatalf("%d %s", p.status, p.body)
			}
			for _, w := range tt.want {
				if !strings.Contains(p.body, w) {
					t.Errorf("lacks %s", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(p.body, w) {
					t.Errorf("has %s", w)
				}
			}
		})
	}
}
