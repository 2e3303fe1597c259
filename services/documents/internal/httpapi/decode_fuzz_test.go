package httpapi

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// FuzzDecoders feeds every request decoder arbitrary bodies, query strings
// and headers: none may panic, and each refusal is a business error (a 4xx
// problem), never a bare error that would answer 500.
func FuzzDecoders(f *testing.F) {
	f.Add([]byte(`{"kind":"directive","summary":"Về việc","body":"…","recipients":["u1"],"due_date":"2026-12-31"}`), "box=incoming&limit=5", "k1")
	f.Add([]byte(`{"kind":"plan","items":[{"title":"x","lead_unit_id":"u","cooperating_unit_ids":[],"due_date":"2026-01-01","indicator":{"name":"a","target":"1"}}]}`), "", "")
	f.Add([]byte(`{"lead_unit_id":"u","cooperating_unit_ids":["a","b"],"due_date":"2026-02-30","note":""}`), "limit=-1&cursor=%%", "")
	f.Add([]byte(`{"signing_mark":"KT."}`), "q=phan%20anh", "")
	f.Add([]byte(`{"reason":""}`), "limit=501", "")
	f.Add([]byte(`[1,2,3]`), "cursor=bm90IGEgY3Vyc29y", "")
	f.Add([]byte("{\"summary\":\"\xff\xfe\"}"), "", "")
	f.Add([]byte(``), "", "")
	decoders := map[string]kithttp.DecodeRequestFunc{
		"create": decodeCreate, "id": decodeID, "empty": decodeEmpty, "approve": decodeApprove, "reject": decodeReject,
		"list": decodeList, "patch": decodePatch, "direct": decodeDirect, "report": decodeReport, "upload": decodeUpload,
		"attachment": decodeAttachment,
	}
	f.Fuzz(func(t *testing.T, body []byte, query, key string) {
		for name, dec := range decoders {
			r := httptest.NewRequest(http.MethodPost, "/v1/documents/d1/x", bytes.NewReader(body))
			r.URL.RawQuery = query
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("Idempotency-Key", key)
			r.SetPathValue("id", "d1")
			r.SetPathValue("aid", "a1")
			if name == "upload" {
				r.Header.Set("Content-Type", "multipart/form-data; boundary=b")
			}
			_, err := dec(context.Background(), r)
			var ae *apperr.Error
			if err != nil && !errors.As(err, &ae) {
				t.Fatalf("%s: %T %v is not a business error", name, err, err)
			}
		}
	})
}
