package console

import (
	"encoding/json"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// draftKinds are the kinds a draft may take, in the decree's order, read
// from the documents service's own description (its Kind schema) so the
// form offers exactly what the service accepts.
var draftKinds = mustEnum(documentsapi.OpenAPI, "Kind")

// copyForms are the forms of a copy (bản sao), from the same description.
var copyForms = mustEnum(documentsapi.OpenAPI, "CopyForm")

// confidentialities are the levels of Decree 30's confidential documents.
var confidentialities = mustEnum(documentsapi.OpenAPI, "Confidentiality")

// normativeKinds may be legal normative documents (văn bản QPPL), numbered
// with the year in their own series.
var normativeKinds = map[string]bool{"resolution": true, "decision": true, "directive": true}

// signingMarks are the marks a draft may request or a signer sign under
// ("" signs in one's own name).
var signingMarks = []string{"", "TM", "KT", "Q", "TL", "TUQ"}

func mustEnum(spec []byte, schema string) []string {
	out, err := enumOf(spec, schema)
	if err != nil {
		panic(err)
	}
	return out
}

// enumOf reads the values of a string enum schema of an OpenAPI document.
func enumOf(spec []byte, schema string) ([]string, error) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Enum []string `json:"enum"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(spec, &doc); err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	s, ok := doc.Components.Schemas[schema]
	if !ok || len(s.Enum) == 0 {
		return nil, fmt.Errorf("openapi: no enum schema %s", schema)
	}
	return s.Enum, nil
}

// Decree 30's names (Phụ lục III), confidentiality levels, copy forms and
// signing marks, in Vietnamese.
func init() {
	labels["kind"] = wording.KindNames()
	labels["confidentiality"] = map[string]string{"normal": "Thường", "confidential": "Mật", "secret": "Tối mật",
		"top_secret": "Tuyệt mật"}
	labels["copy_form"] = map[string]string{"BSY": "Sao y", "BTS": "Trích sao", "BSL": "Sao lục"}
	labels["mark"] = map[string]string{"": "Ký trực tiếp", "TM": "TM. (thay mặt)", "KT": "KT. (ký thay)",
		"Q": "Q. (quyền)", "TL": "TL. (thừa lệnh)", "TUQ": "TUQ. (thừa ủy quyền)"}
	labels["auth_state"] = map[string]string{"in_force": "Đang hiệu lực", "pending": "Chưa đến ngày hiệu lực",
		"expired": "Đã hết hạn", "revoked": "Đã thu hồi"}
	labels["auth_scope"] = map[string]string{"sign": "Ký thay (TUQ.)", "inbox": "Xử lý hồ sơ khi vắng"}
	for k, v := range map[string]string{"normative": "Văn bản quy phạm pháp luật", "drafting_unit_id": "Đơn vị soạn thảo",
		"grantee_id": "Người được ủy quyền", "kinds": "Loại văn bản", "scope": "Phạm vi ủy quyền",
		"form": "Hình thức sao", "extract": "Phần trích sao", "tl_kinds": "Loại văn bản ký thừa lệnh"} {
		labels["field"][k] = v
	}
}
