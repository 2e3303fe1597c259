package store_test

import (
	"context"
	"testing"
	"time"

	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/store/storetest"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// TestTaskLatestReport: the task view keeps the newest report by submission
// time, whatever order the events arrive in; events that carry no report
// keep it; a completed task's progress stays at 100 %.
func TestTaskLatestReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *pkgstore.DB) {
		s, ctx := open(t, db), context.Background()
		at := func(min int) string { return pkgstore.FormatTime(t0.Add(time.Duration(min) * time.Minute)) }
		base := domain.TaskView{TaskID: "t1", SourceDocumentID: "plan", PlanItemID: "i1", AssignerUnitID: "A",
			AssignerAgencyID: "A", AssigneeUnitID: "B", Role: "lead", Status: "in_progress", UpdatedAt: at(0)}
		report := func(min, progress int, summary, result string) domain.TaskView {
			v := base
			v.HasReport, v.Reported, v.Progress, v.Summary, v.Result, v.ReportAt = true, true, progress, summary, result, at(min)
			return v
		}
		completed := base
		completed.Status, completed.Class, completed.HasReport, completed.Reported, completed.Progress = "completed", "completed_on_time", true, true, 100
		steps := []struct {
			name             string
			v                domain.TaskView
			summary, result  string
			progress         int
			reportAt, status string
		}{
			{"assigned: no report yet", base, "", "", 0, "", "in_progress"},
			{"second report first", report(20, 60, "Lần hai", "Kết quả hai"), "Lần hai", "Kết quả hai", 60, at(20), "in_progress"},
			{"first report late", report(10, 30, "Lần một", "Kết quả một"), "Lần hai", "Kết quả hai", 60, at(20), "in_progress"},
			{"second report redelivered", report(20, 60, "Lần hai", "Kết quả hai"), "Lần hai", "Kết quả hai", 60, at(20), "in_progress"},
			{"accepted: no report", base, "Lần hai", "Kết quả hai", 60, at(20), "in_progress"},
			{"newer report, no text (not normal)", report(30, 70, "", ""), "", "", 70, at(30), "in_progress"},
			{"final report", report(40, 100, "Xong", "Đạt chỉ tiêu"), "Xong", "Đạt chỉ tiêu", 100, at(40), "in_progress"},
			{"completed", completed, "Xong", "Đạt chỉ tiêu", 100, at(40), "completed"},
			{"older report after completion", report(35, 90, "Cũ", "Cũ"), "Xong", "Đạt chỉ tiêu", 100, at(40), "completed"},
		}
		for _, st := range steps {
			inTx(t, db, func(ctx context.Context, tx *pkgstore.Tx) error { return s.UpsertTask(ctx, tx, st.v) })
			ts, err := s.PlanTasks(ctx, "plan")
			if err != nil || len(ts) != 1 {
				t.Fatalf("%s: %+v, %v", st.name, ts, err)
			}
			got := ts[0]
			if got.Summary != st.summary || got.Result != st.result || got.Progress != st.progress ||
				got.ReportAt != st.reportAt || got.Status != st.status {
				t.Fatalf("%s: summary %q result %q progress %d at %q status %s", st.name, got.Summary, got.Result,
					got.Progress, got.ReportAt, got.Status)
			}
		}
	})
}
