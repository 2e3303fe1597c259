package console

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// TestDraftKindsMatchTheService: the form offers exactly the kinds the
// documents service takes (its CreateDocument schema's kind), each with a
// Vietnamese name.
func TestDraftKindsMatchTheService(t *testing.T) {
	var spec struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]struct {
					Ref string `json:"$ref"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(documentsapi.OpenAPI, &spec); err != nil {
		t.Fatal(err)
	}
	ref := spec.Components.Schemas["CreateDocument"].Properties["kind"].Ref
	want, err := enumOf(documentsapi.OpenAPI, strings.TrimPrefix(ref, "#/components/schemas/"))
	if err != nil {
		t.Fatalf("CreateDocument.kind (%q): %v", ref, err)
	}
	if !slices.Equal(draftKinds, want) {
		t.Fatalf("draft kinds %v, the service takes %v", draftKinds, want)
	}
	if len(draftKinds) < 28 || !slices.Contains(draftKinds, "official_letter") || slices.Contains(draftKinds, "copy") {
		t.Fatalf("draft kinds %v", draftKinds)
	}
	for _, k := range append(slices.Clone(draftKinds), "copy") {
		if label("kind", k) == k {
			t.Errorf("kind %s has no Vietnamese name", k)
		}
	}
	for _, c := range confidentialities {
		if label("confidentiality", c) == c {
			t.Errorf("confidentiality %s has no Vietnamese name", c)
		}
	}
	for _, f := range copyForms {
		if label("copy_form", f) == f {
			t.Errorf("copy form %s has no Vietnamese name", f)
		}
	}
}

func TestDraftForm(t *testing.T) {
	b := newBrowser(t)
	csrf := b.login()
	form := b.get("/documents/new")
	for _, w := range []string{
		`<option value="resolution">Nghị quyết</option>`, `<option value="official_letter">Công văn</option>`,
		`<option value="telegram">Công điện</option>`, `<option value="directive" selected>Chỉ thị</option>`,
		`<option value="top_secret">Tuyệt mật</option>`, `<option value="normal" selected>Thường</option>`,
		`name="normative"`, `<option value="" selected>Ký trực tiếp</option>`, `<option value="TUQ">TUQ. (thừa ủy quyền)</option>`,
		// The leader sits at the agency (STTTT): its division is offered and
		// chosen, so a Công văn is valid as the form comes.
		`<option value="ttbc" selected>Phòng Thông tin - Báo chí (TTBC)</option>`,
		"- Lưu: VT, TTBC.",
	} {
		if !strings.Contains(form.body, w) {
			t.Errorf("draft form lacks %s", w)
		}
	}
	if strings.Contains(form.body, `value="snv" selected`) || strings.Contains(form.body, `<option value="snv">Sở Nội vụ (SNV)</option>`) {
		t.Errorf("another agency is offered as the drafting division")
	}
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(form.body)[1]

	// Preview: the Nơi nhận block as it will print; nothing is sent.
	prev := b.post("/documents", url.Values{"csrf": {csrf}, "key": {key}, "kind": {"official_letter"}, "summary": {"V/v báo cáo"},
		"recipients": {"snv", "ubnd"}, "drafting_unit_id": {"ttbc"}, "preview": {"1"}})
	if prev.status != http.StatusOK || !strings.Contains(prev.body, "- Sở Nội vụ;\n- Ủy ban nhân dân tỉnh Khánh Hòa;\n- Lưu: VT, TTBC.") {
		t.Fatalf("preview %d:\n%s", prev.status, prev.body)
	}
	if sent := b.up.sent(); slices.Contains(sent, "POST /v1/documents") {
		t.Fatalf("the preview sent the draft: %v", sent)
	}

	tests := []struct {
		name string
		form url.Values
		want string
	}{
		{"normative decision, confidential, KT.", url.Values{"kind": {"decision"}, "normative": {"1"}, "confidentiality": {"secret"},
			"signing_mark": {"KT"}, "drafting_unit_id": {"ttbc"}},
			`{"kind":"decision","summary":"S","body":"","confidentiality":"secret","recipients":["snv"],"signing_mark":"KT","normative":true,"drafting_unit_id":"ttbc"}`},
		// A box left ticked when the kind cannot be normative means nothing.
		{"report cannot be normative", url.Values{"kind": {"report"}, "normative": {"1"}, "confidentiality": {"normal"}},
			`{"kind":"report","summary":"S","body":"","confidentiality":"normal","recipients":["snv"]}`},
		{"official letter from a division", url.Values{"kind": {"official_letter"}, "drafting_unit_id": {"ttbc"}, "signing_mark": {""}},
			`{"kind":"official_letter","summary":"S","body":"","recipients":["snv"],"drafting_unit_id":"ttbc"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := url.Values{"csrf": {csrf}, "key": {tt.name}, "summary": {"S"}, "recipients": {"snv"}}
			for k, v := range tt.form {
				f[k] = v
			}
			if p := b.post("/documents", f); p.status != http.StatusSeeOther {
				t.Fatalf("%d %s", p.status, p.body)
			}
			if got := b.up.body("POST /v1/documents"); got != tt.want {
				t.Fatalf("sent %s\nwant %s", got, tt.want)
			}
		})
	}

	t.Run("a Công văn without a division is refused, the reason in Vietnamese", func(t *testing.T) {
		b.up.refuse["POST /v1/documents"] = refusal{400, `{"status":400,"title":"Bad Request","detail":"invalid document","errors":[{"field":"drafting_unit_id","message":"is required"}]}`}
		p := b.post("/documents", url.Values{"csrf": {csrf}, "key": {"k-cv"}, "kind": {"official_letter"}, "summary": {"S"}, "recipients": {"snv"}})
		if p.status != http.StatusBadRequest || !strings.Contains(p.body, "Đơn vị soạn thảo: bắt buộc nhập") {
			t.Fatalf("%d:\n%s", p.status, p.body)
		}
	})
}
