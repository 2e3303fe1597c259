package store

import (
	"context"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// TestAnalyticsUsesIndexes: on SQLite each analytics query reads tasks
// through an index of the assignee unit, never by scanning the table (the
// speed itself is BenchmarkAnalytics').
func TestAnalyticsUsesIndexes(t *testing.T) {
	db := storetest.OpenSQLite(t)
	if err := Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	from, to := domain.MustDate("2026-01-01").Start(), domain.MustDate("2026-12-31").End()
	for _, q := range []app.AnalyticsQuery{
		{Root: "so", Agency: "so", From: from, To: to},
		{Root: "so", Agency: "so", From: from, To: to, Persons: true},
		{Root: "p1", Agency: "so", From: from, To: to, Persons: true, UserID: "cv1"},
	} {
		for i, st := range analyticsStatements(q) {
			rows, err := db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+st.sql, st.args...)
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			rows.Close()
			all := strings.Join(plan, "\n")
			if strings.Contains(all, "SCAN t\n") || strings.HasSuffix(all, "SCAN t") || !strings.Contains(all, "SEARCH t USING") {
				t.Errorf("query %d of %+v scans tasks:\n%s", i, q, all)
			}
		}
	}
}
