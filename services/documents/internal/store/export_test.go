package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/eoffice-vn/eoffice/pkg/store"
)

// ListPlan is the database's plan for List's query: EXPLAIN QUERY PLAN on
// SQLite, EXPLAIN on PostgreSQL (for the benchmarks' reports).
func (s *Store) ListPlan(ctx context.Context, lq ListQuery) (string, error) {
	sqlText, args, _, err := s.listSQL(ctx, lq)
	if err != nil {
		return "", err
	}
	explain := "EXPLAIN QUERY PLAN "
	if s.DB.Dialect == store.Postgres {
		explain = "EXPLAIN "
	}
	rows, err := s.DB.QueryContext(ctx, explain+sqlText, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		fmt.Fprintln(&b, vals[len(vals)-1]) // the plan line: its last column
	}
	return b.String(), rows.Err()
}

// SetCommonMatches sets how many matches make a text common (byAgency)
// until the test ends, so that a small test takes the plan of a province.
func SetCommonMatches(t testing.TB, n int) {
	old := commonMatches
	commonMatches = n
	t.Cleanup(func() { commonMatches = old })
}
