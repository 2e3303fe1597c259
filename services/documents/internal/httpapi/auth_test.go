package httpapi_test

import (
	"strings"
	"testing"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/testenv"
)

// TestNewRoutesAnswerAuthFirst: every route of issue 4 answers 401 to a
// missing or bad token before it looks at the body, and 413 to a body over
// the limit.
func TestNewRoutesAnswerAuthFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		e := testenv.New(t, db)
		c := client{t, e}
		var d doc
		c.expect("POST", "/v1/documents", "ubnd.cv", map[string]any{"kind": "directive", "summary": "x", "recipients": []string{id("SNV")}}, 201, &d)
		routes := []struct{ method, path string }{
			{"PATCH", "/v1/documents/" + d.ID},
			{"POST", "/v1/documents/" + d.ID + "/revoke"},
			{"POST", "/v1/documents/" + d.ID + "/register"},
			{"POST", "/v1/documents/" + d.ID + "/direct"},
			{"POST", "/v1/documents/" + d.ID + "/consolidated-report"},
			{"POST", "/v1/documents/" + d.ID + "/attachments"},
			{"GET", "/v1/documents/" + d.ID + "/attachments/x"},
			{"DELETE", "/v1/documents/" + d.ID + "/attachments/x"},
		}
		for _, r := range routes {
			for _, login := range []string{"", "raw:not.a.jwt"} {
				for _, body := range []any{nil, `{"summary":`} {
					if r.method == "GET" && body != nil {
						continue
					}
					c.problem(r.method, r.path, login, body, 401, "", "")
				}
			}
		}
		before := e.Count(t, "document_history")
		big := `{"body":"` + strings.Repeat("a", 3<<20) + `"}`
		c.problem("PATCH", "/v1/documents/"+d.ID, "ubnd.cv", big, 413, "", "")
		c.problem("PATCH", "/v1/documents/"+d.ID, "ubnd.cv", `{"summary":`, 400, "", "")
		c.problem("PATCH", "/v1/documents/"+d.ID, "ubnd.cv", map[string]any{"recipients": []string{"0190a000-0000-7000-8000-0000000000ff"}}, 400, "recipients", "")
		c.problem("PATCH", "/v1/documents/nope", "ubnd.cv", map[string]any{"summary": "y"}, 404, "", "")
		c.problem("POST", "/v1/documents/"+d.ID+"/direct", "ubnd.ld", `{"lead_unit_id": 1}`, 400, "lead_unit_id", "")
		if e.Count(t, "document_history") != before {
			t.Fatal("refused requests changed a document")
		}
	})
}
