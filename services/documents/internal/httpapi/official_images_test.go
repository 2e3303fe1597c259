package httpapi_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/officialpdf"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/app"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

func pngOf(t *testing.T, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := h / 4; y < h*3/4; y++ {
		for x := w / 4; x < w*3/4; x++ {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func putImage(t *testing.T, e *testenv.Env, path, login, ctype string, body []byte) reply {
	t.Helper()
	req, _ := http.NewRequest("PUT", e.Server.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Authorization", "Bearer "+e.Token(login))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, ctype: resp.Header.Get("Content-Type"), raw: raw}
}

// TestImagesAndSealedAttachments: administrators set a signer's signature
// and an agency's seal (checked PNGs); at issue, a PDF attachment gets the
// agency's signature and any other file is marked as unable to carry one.
func TestImagesAndSealedAttachments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		sign, _ := testenv.LocalSigning(t)
		e := testenv.New(t, db, testenv.WithSigning(sign), func(c *app.Config) { c.MaxAttachment = 4 << 20 })
		c := client{t, e}
		sigPath := "/v1/signature-images/" + testenv.People["ubnd.ld"].Subject
		sealPath := "/v1/seal-images/" + id("UBND")
		signature, seal := pngOf(t, 300, 120, color.NRGBA{0x10, 0x20, 0x90, 0xff}), pngOf(t, 200, 200, color.NRGBA{0xd0, 0x10, 0x10, 0xff})
		for _, tc := range []struct {
			path, login, ctype string
			body               []byte
			want               int
		}{
			{sigPath, "ubnd.ld", "image/png", signature, 403},
			{sigPath, "admin", "image/jpeg", signature, 415},
			{sigPath, "admin", "image/png", []byte("not a png at all"), 400},
			{sigPath, "admin", "image/png", make([]byte, 600<<10), 413},
			{"/v1/seal-images/" + id("VP"), "admin", "image/png", seal, 400},
			{sigPath, "admin", "image/png", signature, 200},
			{sealPath, "admin", "image/png", seal, 200},
		} {
			if r := putImage(t, e, tc.path, tc.login, tc.ctype, tc.body); r.status != tc.want {
				t.Errorf("PUT %s as %s (%s): %d %s, want %d", tc.path, tc.login, tc.ctype, r.status, r.raw, tc.want)
			}
		}
		for login, want := range map[string]int{"ubnd.ld": 200, "admin": 200, "ubnd.cv": 403} {
			r := c.do("GET", sigPath, login, nil)
			if r.status != want || (want == 200 && !bytes.Equal(r.raw, signature)) {
				t.Errorf("GET signature as %s: %d, want %d", login, r.status, want)
			}
		}
		if r := c.do("GET", sealPath, "ubnd.vt", nil); r.status != 200 || !bytes.Equal(r.raw, seal) {
			t.Errorf("GET seal as the agency's clerk: %d", r.status)
		}

		var d document
		c.must(201, "POST", "/v1/documents", "ubnd.cv", validBody(), &d)
		annex, err := officialpdf.Render(officialpdf.Document{Agency: "ỦY BAN NHÂN DÂN TỈNH", Place: "Khánh Hòa",
			KindTitle: "PHỤ LỤC", Summary: "Danh mục nhiệm vụ", Body: "Nhiệm vụ 1."})
		if err != nil {
			t.Fatal(err)
		}
		var pdfAtt, txtAtt struct {
			ID string `json:"id"`
		}
		upload(t, e, d.ID, "ubnd.cv", "phu-luc.pdf", "application/pdf", annex.PDF, "", 201, &pdfAtt)
		upload(t, e, d.ID, "ubnd.cv", "ghi-chu.txt", "text/plain", []byte("Ghi chú kèm theo"), "", 201, &txtAtt)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/submit", "ubnd.cv", nil, nil)
		c.must(200, "POST", "/v1/documents/"+d.ID+"/approve", "ubnd.ld", nil, nil)
		var issued struct {
			Attachments []struct {
				ID, Seal, System, SHA256 string
			} `json:"attachments"`
		}
		c.must(200, "POST", "/v1/documents/"+d.ID+"/issue", "ubnd.vt", nil, &issued)
		seals := map[string]string{}
		for _, a := range issued.Attachments {
			seals[a.ID] = a.Seal
		}
		if len(issued.Attachments) != 3 || seals[pdfAtt.ID] != "signed" || seals[txtAtt.ID] != "not_pdf" {
			t.Fatalf("attachments after issue: %+v", issued.Attachments)
		}
		var got signatures
		c.must(200, "GET", "/v1/documents/"+d.ID+"/attachments/"+pdfAtt.ID+"/signatures", "stttt.ld", nil, &got)
		if len(got.Items) != 1 || got.Items[0].Kind != "agency" || !got.Items[0].Valid || !got.Items[0].CoversWholeDocument {
			t.Errorf("the sealed annex: %+v", got.Items)
		}
		r := c.do("GET", "/v1/documents/"+d.ID+"/attachments/"+pdfAtt.ID, "stttt.ld", nil)
		if r.status != 200 || !bytes.HasPrefix(r.raw, annex.PDF) || len(r.raw) <= len(annex.PDF) {
			t.Errorf("the annex served is not the original plus the agency's signature (%d)", r.status)
		}
		if sigs := pdfsig(t, r.raw); len(sigs) != 1 || !sigs[0].valid || !sigs[0].total {
			t.Errorf("pdfsig of the annex: %+v", sigs)
		}
		c.problem("GET", "/v1/documents/"+d.ID+"/attachments/"+txtAtt.ID+"/signatures", "stttt.ld", nil, 409, "", "")
	})
}
