package httpapi

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	kithttp "github.com/go-kit/kit/transport/http"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/endpoint"
)

// FuzzDecoders feeds every request decoder of tasks arbitrary bodies,
// content types, query strings and idempotency keys: none may panic, and
// each refusal is a business error (a 4xx problem), never a bare error
// that would answer 500. The list's paging, which the endpoint parses from
// the decoded strings, is checked the same way.
func FuzzDecoders(f *testing.F) {
	f.Add([]byte(`{"assignee_unit_id":"u1","assignee_user_id":"p1","due_date":"2026-12-31","note":"Giao xử lý"}`), "box=incoming&status=assigned&limit=5", "k1", "application/json")
	f.Add([]byte(`{"progress_percent":60,"summary":"Đã triển khai","result":"","final":false}`), "overdue=true&cursor=bm90IGEgY3Vyc29y", "", "application/json")
	f.Add([]byte(`{"progress_percent":-1,"final":null}`), "limit=-1&cursor=%%", "", "")
	f.Add([]byte(`{"decision":"accepted","comment":"Tốt"}`), "from=2026-01-01&to=2025-12-31", "", "application/json; charset=utf-8")
	f.Add([]byte(`{"due_date":"2026-02-30","reason":"Chờ số liệu"}`), "limit=99999999999999999999", "", "application/merge-patch+json")
	f.Add([]byte(`{"approve":true,"comment":""}`), "assignee=me&source_document_id=d1", "", "text/plain")
	f.Add([]byte(`{"approve":"yes"}`), "", "", "application/json")
	f.Add([]byte(`[1,2,3]`), "", "", "application/json")
	f.Add([]byte("{\"note\":\"\xff\xfe\"}"), "", "", "application/json")
	f.Add([]byte(`{"note":"x"} {"note":"y"}`), "", "", "application/json")
	f.Add([]byte(``), "", "", "")
	f.Add([]byte(`{"days":[{"date":"2026-09-01","off":true,"name":"Quốc khánh"}]}`), "agency_id=a1", "", "application/json")
	f.Add([]byte(`{"assignee_unit_id":"u1","due_working_days":10}`), "", "", "application/json")
	decoders := map[string]kithttp.DecodeRequestFunc{
		"list": decodeListTasks, "get": decodeGetTask, "accept": decodeAccept, "delegate": decodeDelegate,
		"report": decodeReport, "review": decodeReview, "extension": decodeExtension, "decision": decodeDecision,
		"plan progress": decodePlanProgress, "unit stats": decodeUnitStats,
		"calendar": decodeCalendar, "set calendar": decodeSetCalendar,
	}
	f.Fuzz(func(t *testing.T, body []byte, query, key, contentType string) {
		for name, dec := range decoders {
			r := httptest.NewRequest(http.MethodPost, "/v1/tasks/t1/x", bytes.NewReader(body))
			r.URL.RawQuery = query
			r.Header.Set("Content-Type", contentType)
			r.Header.Set("Idempotency-Key", key)
			r.SetPathValue("id", "t1")
			r.SetPathValue("report_id", "r1")
			r.SetPathValue("year", "2026")
			req, err := dec(context.Background(), r)
			var ae *apperr.Error
			if err != nil && !errors.As(err, &ae) {
				t.Fatalf("%s: %T %v is not a business error", name, err, err)
			}
			if l, ok := req.(endpoint.ListTasksRequest); ok {
				_, err := httpx.ParsePage(url.Values{"limit": {l.Limit}, "cursor": {l.Cursor}})
				if err != nil && !errors.As(err, &ae) {
					t.Fatalf("list paging: %T %v is not a business error", err, err)
				}
			}
		}
	})
}
