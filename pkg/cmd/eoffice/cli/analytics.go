package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// statsTasks prints the tasks' processing-time figures of a period per
// unit or per person (the tasks service computes them), or saves them as
// a spreadsheet (--format xlsx -o FILE).
func statsTasks(ctx context.Context, a *App, args []string) error {
	f := a.flags("stats tasks")
	from := f.String("from", "", "first day YYYY-MM-DD (required)")
	to := f.String("to", "", "last day YYYY-MM-DD (required)")
	group := f.String("group", "unit", "unit or person")
	unit := f.String("unit", "", "a unit's id: it and the units below it")
	user := f.String("user", "", "one person's id (with --group person)")
	open := f.Bool("open", false, "list the open tasks too")
	format := f.String("format", "", "json or xlsx (default: a table)")
	out := f.String("o", "", "write the spreadsheet here")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		return usagef("stats: --from and --to are required")
	}
	q := tasksapi.AnalyticsQuery{From: *from, To: *to, Group: *group, UnitID: *unit, UserID: *user}
	if *open {
		q.OpenTasks = "true"
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	if *format == "xlsx" {
		if *out == "" {
			return usagef("stats: --format xlsx needs -o FILE")
		}
		return a.download(*out, func() (*http.Response, error) { return c.Tasks.OpenAnalytics(ctx, q) })
	}
	st, err := c.Tasks.Analytics(ctx, q)
	if err != nil {
		return err
	}
	if *f.json || *format == "json" {
		return printJSON(a.Stdout, st)
	}
	return printAnalytics(a.Stdout, st)
}

func printAnalytics(w io.Writer, st tasksapi.Analytics) error {
	fmt.Fprintf(w, "Nhiệm vụ được giao, hoàn thành từ %s đến %s; đang xử lý tính đến %s.\n\n",
		wording.DateISO(st.From), wording.DateISO(st.To), wording.DateISO(st.AsOf))
	person := st.Group == "person"
	head := []string{"ĐƠN VỊ", "ĐƯỢC GIAO", "HOÀN THÀNH", "HOÀN THÀNH ĐÚNG HẠN", "HOÀN THÀNH QUÁ HẠN", "TỶ LỆ ĐÚNG HẠN", "TRUNG VỊ (NGÀY)", "90% (NGÀY)",
		"ĐANG XỬ LÝ", "ĐANG THỰC HIỆN QUÁ HẠN", "CHỜ ĐÁNH GIÁ", "ĐẾN HẠN TUẦN NÀY"}
	if person {
		head = append([]string{"CÁ NHÂN"}, head...)
	}
	line := func(who []string, f tasksapi.Figures) []string {
		return append(who, strconv.Itoa(f.Assigned), strconv.Itoa(f.Completed), strconv.Itoa(f.CompletedOnTime),
			strconv.Itoa(f.CompletedLate), rate(f.OnTimeRate), dayCount(f.MedianDays), dayCount(f.P90Days), strconv.Itoa(f.Load.Open),
			strconv.Itoa(f.Load.Overdue), strconv.Itoa(f.Load.AwaitingReview), strconv.Itoa(f.Load.DueThisWeek))
	}
	var rows, open [][]string
	for _, r := range st.Rows {
		who := []string{orID(r.UnitName, r.UnitID)}
		if person {
			who = append([]string{orID(r.UserName, r.UserID)}, who...)
		}
		rows = append(rows, line(who, r.Figures))
		for _, t := range r.OpenTasks {
			open = append(open, []string{strings.Join(who, ", "), t.SourceNotation, t.Title, wording.DateISO(t.DueDate), wording.ClassName(t.Class)})
		}
	}
	total := []string{"Tổng cộng"}
	if person {
		total = append(total, "")
	}
	rows = append(rows, line(total, st.Total))
	if err := table(w, head, rows); err != nil {
		return err
	}
	if len(open) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	return table(w, []string{"ĐƠN VỊ / CÁ NHÂN", "SỐ, KÝ HIỆU", "NHIỆM VỤ", "HẠN XỬ LÝ", "TÌNH TRẠNG"}, open)
}

func rate(r *float64) string {
	if r == nil {
		return "-"
	}
	return strconv.FormatFloat(*r*100, 'f', 0, 64) + "%"
}

// dayCount writes days with a decimal comma, as officials write them.
func dayCount(d *float64) string {
	if d == nil {
		return "-"
	}
	return strings.Replace(strconv.FormatFloat(*d, 'f', 2, 64), ".", ",", 1)
}

func orID(name, id string) string {
	if name != "" {
		return name
	}
	return id
}
