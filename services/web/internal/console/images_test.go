package console

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

const samplePNG = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR chữ ký"

func init() {
	put := func(key string) func(u *upstream, w http.ResponseWriter, r *http.Request, raw []byte) bool {
		return func(u *upstream, w http.ResponseWriter, r *http.Request, raw []byte) bool {
			u.note(key, r.Header.Get("Content-Type")+"|"+string(raw)+"|"+r.Header.Get("Authorization"))
			return writeJSON(w, http.StatusOK, `{"kind":"signature","owner_id":"u-cv","sha256":"ab","size":30}`)
		}
	}
	special["PUT /v1/signature-images/u-cv"] = put("signature")
	special["PUT /v1/seal-images/stttt"] = put("seal")
	special["GET /v1/seal-images/stttt"] = func(_ *upstream, w http.ResponseWriter, _ *http.Request, _ []byte) bool {
		w.Header().Set("Content-Type", "image/png")
		_, _ = io.WriteString(w, samplePNG)
		return true
	}
}

// TestSigningImages: the administrator sees the current seal image (the
// console streams it) or none, and uploads a PNG that reaches the service
// as it was; a file that is not a PNG, too large or not chosen is refused
// in Vietnamese and sends nothing.
func TestSigningImages(t *testing.T) {
	t.Run("pages show the current image or none", func(t *testing.T) {
		b, _ := adminBrowser(t)
		unit := b.get("/admin/units/stttt")
		for _, w := range []string{`<h2 id="h-image">Ảnh con dấu</h2>`, `<img class="signing-image" src="/admin/units/stttt/seal-image"`,
			`action="/admin/units/stttt/seal-image" enctype="multipart/form-data"`, `accept="image/png"`} {
			if !strings.Contains(unit.body, w) {
				t.Errorf("unit page lacks %s", w)
			}
		}
		if division := b.get("/admin/units/ttbc"); strings.Contains(division.body, "h-image") {
			t.Error("a division has no seal")
		}
		user := b.get("/admin/users/u-cv")
		for _, w := range []string{`<h2 id="h-image">Ảnh chữ ký</h2>`, "Chưa có ảnh.", `action="/admin/users/u-cv/signature-image"`} {
			if !strings.Contains(user.body, w) {
				t.Errorf("user page lacks %s", w)
			}
		}
		img := b.get("/admin/units/stttt/seal-image")
		if img.status != http.StatusOK || img.body != samplePNG || img.header.Get("Content-Type") != "image/png" ||
			!strings.Contains(img.header.Get("Content-Security-Policy"), "sandbox") {
			t.Fatalf("%d %q %v", img.status, img.body, img.header)
		}
	})
	big := samplePNG + strings.Repeat("x", maxSigningImage)
	tests := []struct {
		name, path, note, filename, content string
		csrf                                bool
		status                              int
		want                                string // on the page after the redirect
		sent                                bool
	}{
		{"a signature", "/admin/users/u-cv/signature-image", "signature", "chu-ky.png", samplePNG, true, http.StatusSeeOther, "Đã cập nhật ảnh chữ ký.", true},
		{"a seal", "/admin/units/stttt/seal-image", "seal", "con-dau.png", samplePNG, true, http.StatusSeeOther, "Đã cập nhật ảnh con dấu.", true},
		{"not a PNG", "/admin/users/u-cv/signature-image", "signature", "chu-ky.png", "GIF89a…", true, http.StatusSeeOther,
			"Tệp không phải ảnh PNG. Vui lòng chọn ảnh định dạng PNG (nền trong suốt).", false},
		{"too large", "/admin/units/stttt/seal-image", "seal", "con-dau.png", big, true, http.StatusSeeOther, "Ảnh quá lớn: tối đa 512 KB.", false},
		{"no file", "/admin/users/u-cv/signature-image", "signature", "-", "", true, http.StatusSeeOther, "Vui lòng chọn ảnh PNG để tải lên.", false},
		{"forged", "/admin/users/u-cv/signature-image", "signature", "chu-ky.png", samplePNG, false, http.StatusForbidden, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, csrf := adminBrowser(t)
			if !tt.csrf {
				csrf = "forged"
			}
			ct, body := multipartForm(t, [][2]string{{"csrf", csrf}}, tt.filename, tt.content)
			p := b.upload(tt.path, ct, body)
			if p.status != tt.status {
				t.Fatalf("%d %s", p.status, p.body)
			}
			got := b.up.body(tt.note)
			if want := "image/png|" + tt.content + "|Bearer " + adminToken; tt.sent != (got == want) || !tt.sent && got != "" {
				t.Fatalf("service got %.80q", got)
			}
			if tt.want != "" {
				if next := b.get(p.location); !strings.Contains(next.body, tt.want) || !strings.Contains(p.location, "#h-image") {
					t.Fatalf("%q lacks %q:\n%s", p.location, tt.want, next.body)
				}
			}
		})
	}
	t.Run("not an administrator", func(t *testing.T) {
		b := newBrowser(t)
		csrf := b.login()
		ct, body := multipartForm(t, [][2]string{{"csrf", csrf}}, "chu-ky.png", samplePNG)
		if p := b.upload("/admin/users/u-cv/signature-image", ct, body); p.status != http.StatusForbidden || b.up.body("signature") != "" {
			t.Fatalf("%d %s", p.status, p.body)
		}
	})
}
