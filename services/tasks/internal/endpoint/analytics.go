package endpoint

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/httpx"
	"github.com/eoffice-vn/eoffice/pkg/tabular"
	"github.com/eoffice-vn/eoffice/pkg/wording"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// AnalyticsRequest is the query of GET /v1/analytics/tasks as given.
type AnalyticsRequest = tasksapi.AnalyticsQuery

func makeAnalytics(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(AnalyticsRequest)
		var v apperr.Validator
		v.Check(req.Format == "" || req.Format == "json" || req.Format == "xlsx", "format", "must be json or xlsx")
		v.Check(req.OpenTasks == "" || req.OpenTasks == "true" || req.OpenTasks == "false", "open_tasks", "must be true or false")
		if err := v.Err(); err != nil {
			return nil, err
		}
		res, err := s.TaskAnalytics(ctx, app.AnalyticsInput{From: req.From, To: req.To, Group: req.Group,
			UnitID: req.UnitID, UserID: req.UserID, OpenTasks: req.OpenTasks == "true"})
		if err != nil {
			return nil, err
		}
		out := analyticsJSON(res)
		if req.Format != "xlsx" {
			return out, nil
		}
		var buf bytes.Buffer
		if err := tabular.WriteXLSX(&buf, analyticsTable(out), "Thống kê nhiệm vụ"); err != nil {
			return nil, fmt.Errorf("analytics xlsx: %w", err)
		}
		return httpx.Download{Filename: "thong-ke-nhiem-vu-" + out.From + "-" + out.To + ".xlsx",
			ContentType: tabular.ContentTypeXLSX, Body: buf.Bytes()}, nil
	}
}

func figuresJSON(f domain.Figures, now time.Time) tasksapi.Figures {
	out := tasksapi.Figures{Assigned: f.Assigned, Completed: f.Completed, CompletedOnTime: f.CompletedOnTime,
		CompletedLate: f.CompletedLate, OnTimeRate: f.OnTimeRate(), MedianDays: f.MedianDays(), P90Days: f.P90Days(),
		Load: tasksapi.Load{Open: f.Load.Open, Overdue: f.Load.Overdue, AwaitingReview: f.Load.AwaitingReview,
			DueThisWeek: f.Load.DueThisWeek, Later: f.Load.Later}}
	for _, t := range f.Open {
		out.OpenTasks = append(out.OpenTasks, tasksapi.OpenTask{ID: t.ID, Title: t.Title, AssigneeUserID: t.AssigneeUserID,
			DueDate: t.DueDate.String(), Status: string(t.Status), Class: string(t.Class(now)), SourceNotation: t.SourceNotation})
	}
	return out
}

func analyticsJSON(a app.Analytics) tasksapi.Analytics {
	out := tasksapi.Analytics{From: a.From.String(), To: a.To.String(), Group: string(a.Group), UnitID: a.UnitID, UserID: a.UserID,
		AsOf: a.Today.String(), WeekEnd: a.WeekEnd.String(), Rows: make([]tasksapi.AnalyticsRow, 0, len(a.Rows)),
		Total: figuresJSON(a.Total, a.Now)}
	for _, r := range a.Rows {
		out.Rows = append(out.Rows, tasksapi.AnalyticsRow{UnitID: r.UnitID, UnitName: r.UnitName, UserID: r.UserID,
			UserName: r.UserName, Figures: figuresJSON(r.Figures, a.Now)})
	}
	return out
}

// analyticsTable is the spreadsheet as officials read it: one line per
// unit or person and the total, then the open tasks when asked for; dates
// dd/mm/yyyy, classes and statuses in Vietnamese.
func analyticsTable(a tasksapi.Analytics) tabular.Table {
	t := tabular.Table{Title: "THỐNG KÊ THỜI GIAN XỬ LÝ NHIỆM VỤ",
		Subtitle: "Từ ngày " + wording.DateISO(a.From) + " đến ngày " + wording.DateISO(a.To) +
			" (việc đang xử lý tính đến ngày " + wording.DateISO(a.AsOf) + ")",
		Columns: []tabular.Column{{Header: "Đơn vị", Width: 60}, {Header: "Cá nhân", Width: 44}, {Header: "Được giao", Width: 20},
			{Header: "Đã hoàn thành", Width: 22}, {Header: "Hoàn thành đúng hạn", Width: 24}, {Header: "Hoàn thành quá hạn", Width: 24},
			{Header: "Tỷ lệ đúng hạn", Width: 20}, {Header: "Trung vị số ngày hoàn thành", Width: 26}, {Header: "90% hoàn thành trong (ngày)", Width: 26},
			{Header: "Đang xử lý", Width: 20}, {Header: "Đang thực hiện quá hạn", Width: 26}, {Header: "Chờ đánh giá", Width: 20},
			{Header: "Đến hạn trong tuần", Width: 22}, {Header: "Hạn sau tuần này", Width: 22}}}
	line := func(unit, person string, f tasksapi.Figures) []string {
		return []string{unit, person, strconv.Itoa(f.Assigned), strconv.Itoa(f.Completed), strconv.Itoa(f.CompletedOnTime),
			strconv.Itoa(f.CompletedLate), pct(f.OnTimeRate), days(f.MedianDays), days(f.P90Days), strconv.Itoa(f.Load.Open),
			strconv.Itoa(f.Load.Overdue), strconv.Itoa(f.Load.AwaitingReview), strconv.Itoa(f.Load.DueThisWeek), strconv.Itoa(f.Load.Later)}
	}
	for _, r := range a.Rows {
		t.Rows = append(t.Rows, line(cmpOr(r.UnitName, r.UnitID), cmpOr(r.UserName, r.UserID), r.Figures))
	}
	t.Rows = append(t.Rows, line("Tổng cộng", "", a.Total))
	var open [][]string
	for _, r := range a.Rows {
		for _, o := range r.OpenTasks {
			open = append(open, []string{cmpOr(r.UnitName, r.UnitID), cmpOr(r.UserName, r.UserID), o.SourceNotation + " " + o.Title,
				wording.DateISO(o.DueDate), wording.TaskStatus(o.Status), wording.ClassName(o.Class)})
		}
	}
	if len(open) > 0 {
		t.Rows = append(t.Rows, []string{}, []string{"VIỆC ĐANG XỬ LÝ"},
			[]string{"Đơn vị", "Cá nhân", "Nhiệm vụ", "Hạn xử lý", "Trạng thái", "Tình trạng"})
		t.Rows = append(t.Rows, open...)
	}
	return t
}

func pct(r *float64) string {
	if r == nil {
		return ""
	}
	return strconv.FormatFloat(*r*100, 'f', 1, 64) + "%"
}

func days(d *float64) string {
	if d == nil {
		return ""
	}
	return strconv.FormatFloat(*d, 'f', 2, 64)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
