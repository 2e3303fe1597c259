package httpapi_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/pkg/tabular"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// TestAnalyticsRoute: the figures as JSON and as a spreadsheet download;
// bad input is a problem naming the field; another agency's unit is 403.
func TestAnalyticsRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := setup(t, db)
		var a tasksapi.Analytics
		status, _ := e.get(t, "/v1/analytics/tasks?from=2025-03-01&to=2025-03-31", "sttt", &a)
		units := map[string]tasksapi.AnalyticsRow{}
		for _, r := range a.Rows {
			units[r.UnitID] = r
		}
		// At 10/3/2025 the sttt's task of 07/CT-UBND runs (due 31/3), and its
		// division's of 15/STTTT-BC is overdue (due 5/3).
		if status != http.StatusOK || len(a.Rows) != 2 || units["sttt"].Assigned != 1 || units["sttt"].Load.Later+units["sttt"].Load.DueThisWeek != 1 ||
			units["sttt-bc"].Load.Overdue != 1 || a.Total.Load.Open != 2 || a.AsOf != "2025-03-10" || a.WeekEnd != "2025-03-16" {
			t.Fatalf("%d %+v", status, a)
		}
		status, h := e.get(t, "/v1/analytics/tasks?from=2025-03-01&to=2025-03-31&format=xlsx", "sttt", nil)
		if status != http.StatusOK || h.Get("Content-Type") != tabular.ContentTypeXLSX ||
			h.Get("Content-Disposition") != `attachment; filename=thong-ke-nhiem-vu-2025-03-01-2025-03-31.xlsx` {
			t.Fatalf("xlsx: %d %v", status, h)
		}
		for _, tt := range []struct{ query, field string }{
			{"to=2025-03-31", "from"},
			{"from=2025-03-01", "to"},
			{"from=2025-03-01&to=2025-02-01", "to"},
			{"from=2025-03-01&to=2025-03-31&group=team", "group"},
			{"from=2025-03-01&to=2025-03-31&format=pdf", "format"},
			{"from=2025-03-01&to=2025-03-31&open_tasks=yes", "open_tasks"},
			{"from=2025-03-01&to=2025-03-31&user_id=u-sttt", "user_id"},
		} {
			var p problemJSON
			status, h := e.get(t, "/v1/analytics/tasks?"+tt.query, "sttt", &p)
			if status != http.StatusBadRequest || h.Get("Content-Type") != httpx.ProblemContentType ||
				!slices.ContainsFunc(p.Errors, func(f struct {
					Field string `json:"field"`
				}) bool {
					return f.Field == tt.field
				}) {
				t.Errorf("%q: %d %+v, want 400 naming %s", tt.query, status, p, tt.field)
			}
		}
		for caller, want := range map[string]int{"sct": http.StatusForbidden, "admin": http.StatusForbidden, "": http.StatusUnauthorized} {
			if status, _ := e.get(t, "/v1/analytics/tasks?from=2025-03-01&to=2025-03-31&unit_id=sttt", caller, nil); status != want {
				t.Errorf("%q: %d, want %d", caller, status, want)
			}
		}
	})
}
