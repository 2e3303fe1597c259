package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/followup"
	"github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// The running totals of task_counts (migration 00016): per assignee unit,
// due-date bucket (day, ten days, month) and kind, kept by the transaction
// that inserts or updates the task (CreateTask, CreateTasks, UpdateTask:
// the only writes of tasks), so that the scoreboard sums bucket rows.

// kindOpen counts tasks assigned or in progress: their class rests only on
// whether they fell due before the scoreboard's day.
const kindOpen = "open"

// countKind is the kind under which t counts in task_counts, "" when it
// does not (awaiting review or cancelled: the scoreboard reads those
// whole). A completed task counts in the class it has once accepted
// (followup.ClassAt): late when submitted after its due date's last
// instant. The migration's SQL mirrors it.
func countKind(t domain.Task) string {
	switch t.Status {
	case domain.StatusCompleted:
		if t.CompletedAt != nil && t.CompletedAt.After(t.DueDate.End()) {
			return followup.CompletedLate
		}
		return followup.CompletedOnTime
	case domain.StatusAwaitingReview, domain.StatusCancelled:
		return ""
	}
	return kindOpen
}

// countKey is where one task counts: its unit, due date and kind.
type countKey struct{ unit, due, kind string }

func keyOf(t domain.Task) countKey {
	return countKey{unit: t.AssigneeUnitID, due: t.DueDate.String(), kind: countKind(t)}
}

// countDeltas are changes to the totals, per task key.
type countDeltas map[countKey]int

// move records one task leaving from and joining to (either may be the
// zero key: none).
func (d countDeltas) move(from, to countKey) {
	if from == to {
		return
	}
	if from.kind != "" {
		d[from]--
	}
	if to.kind != "" {
		d[to]++
	}
}

// bucketRow is one row of task_counts.
type bucketRow struct {
	lvl                int
	bucket, kind, unit string
}

// dekad is the bucket of level 1 of a due date YYYY-MM-DD.
func dekad(due string) string {
	switch day := due[8:10]; {
	case day <= "10":
		return due[:8] + "1"
	case day <= "20":
		return due[:8] + "2"
	}
	return due[:8] + "3"
}

// countUpsertRows bounds one upsert's rows (5 parameters each).
const countUpsertRows = 400

// apply adds d to task_counts in tx, one upsert per affected bucket row
// (in one statement per few hundred rows). Rows go in key order, so that
// two transactions on PostgreSQL lock shared rows in the same order.
func (d countDeltas) apply(ctx context.Context, tx *store.Tx) error {
	rows := map[bucketRow]int{}
	for k, n := range d {
		if n == 0 {
			continue
		}
		rows[bucketRow{0, k.due, k.kind, k.unit}] += n
		rows[bucketRow{1, dekad(k.due), k.kind, k.unit}] += n
		rows[bucketRow{2, k.due[:7], k.kind, k.unit}] += n
	}
	keys := make([]bucketRow, 0, len(rows))
	for r, n := range rows {
		if n != 0 {
			keys = append(keys, r)
		}
	}
	slices.SortFunc(keys, func(a, b bucketRow) int {
		if a.lvl != b.lvl {
			return a.lvl - b.lvl
		}
		return strings.Compare(a.bucket+"\x00"+a.kind+"\x00"+a.unit, b.bucket+"\x00"+b.kind+"\x00"+b.unit)
	})
	for start := 0; start < len(keys); start += countUpsertRows {
		chunk := keys[start:min(start+countUpsertRows, len(keys))]
		var b strings.Builder
		args := make([]any, 0, 5*len(chunk))
		for i, r := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			n := len(args)
			fmt.Fprintf(&b, "($%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5)
			args = append(args, r.lvl, r.bucket, r.kind, r.unit, rows[r])
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO task_counts (lvl, bucket, kind, unit_id, n) VALUES `+b.String()+`
ON CONFLICT (lvl, bucket, kind, unit_id) DO UPDATE SET n = task_counts.n + excluded.n`, args...); err != nil {
			return fmt.Errorf("task counts: %w", err)
		}
	}
	return nil
}

// countSpan is a run of consecutive buckets of one level.
type countSpan struct {
	lvl    int
	lo, hi string
}

// countSpans covers the due dates [a, b] with as few buckets as it can
// (whole months, then whole ten-day parts, then days), as runs of
// consecutive buckets of one level (at most five).
func countSpans(a, b domain.Date) []countSpan {
	var out []countSpan
	emit := func(lvl int, bucket string) {
		if n := len(out); n > 0 && out[n-1].lvl == lvl {
			out[n-1].hi = bucket
			return
		}
		out = append(out, countSpan{lvl: lvl, lo: bucket, hi: bucket})
	}
	for d := a; !b.Before(d); {
		t := d.Start()
		day := t.Day()
		month := domain.DateOf(t.AddDate(0, 1, 1-day)) // the next month's first day
		dekadEnd := month.AddDays(-1)
		if day <= 20 {
			dekadEnd = domain.DateOf(t.AddDate(0, 0, 10-(day-1)%10-1))
		}
		s := d.String()
		switch {
		case day == 1 && !b.Before(month.AddDays(-1)):
			emit(2, s[:7])
			d = month
		case (day == 1 || day == 11 || day == 21) && !b.Before(dekadEnd):
			emit(1, dekad(s))
			d = dekadEnd.AddDays(1)
		default:
			emit(0, s)
			d = d.AddDays(1)
		}
	}
	return out
}
