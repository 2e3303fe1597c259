package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/followup"
	pkgstore "github.com/eoffice-vn/eoffice/pkg/store"
	"github.com/eoffice-vn/eoffice/pkg/wording"
	"github.com/eoffice-vn/eoffice/services/documents/internal/domain"
)

// Task classes (API.md, tasks).
const (
	classOpen     = "open_within_deadline"
	classOverdue  = "open_overdue"
	notReportedVi = "chưa có báo cáo"
)

// ConsolidatedReport drafts the report (kind report, BC) of a plan's
// progress, addressed to the issuer of the directive the plan implements and
// replying to it; its body lists each item with its lead unit, status class,
// progress and latest result, from the task read model. It then goes through
// the normal approval and issue.
func (s *service) ConsolidatedReport(ctx context.Context, planID, idempotencyKey string) (DocumentView, error) {
	a, p, err := actor(ctx)
	if err != nil {
		return DocumentView{}, err
	}
	plan, err := s.visible(ctx, a, planID)
	if err != nil {
		return DocumentView{}, err
	}
	if !plan.IsIssuerStaff(a) || !a.CanDraft() {
		return DocumentView{}, apperr.Forbidden("only the plan's issuing agency reports on it")
	}
	switch {
	case plan.Kind != domain.KindPlan:
		return DocumentView{}, apperr.Conflict("only a plan has a consolidated report", string(plan.Status))
	case plan.Status != domain.StatusIssued:
		return DocumentView{}, apperr.Conflict("the plan is not issued", string(plan.Status))
	case plan.ImplementsDocumentID == "":
		return DocumentView{}, apperr.Conflict("the plan implements no directive to report to", string(plan.Status))
	}
	key, err := newKey(idempotencyKey, a.UserID, "report:"+planID, nil)
	if err != nil {
		return DocumentView{}, err
	}
	if v, done, err := s.replayDocument(ctx, a, key); done || err != nil {
		return v, err
	}
	directive, err := s.st.Document(ctx, plan.ImplementsDocumentID)
	if err != nil {
		return DocumentView{}, fmt.Errorf("directive of plan %s: %w", planID, err)
	}
	issuer, err := s.dir.Unit(ctx, p.Token, directive.IssuerUnitID)
	if err != nil {
		return DocumentView{}, err
	}
	tasks, err := s.st.PlanTasks(ctx, planID)
	if err != nil {
		return DocumentView{}, err
	}
	requests, err := s.st.PlanReportRequests(ctx, planID)
	if err != nil {
		return DocumentView{}, err
	}
	body := truncate(s.reportBody(ctx, p.Token, plan, tasks)+s.periodicSection(ctx, p.Token, plan, requests), domain.MaxBody)
	summary := truncate("Báo cáo tổng hợp kết quả thực hiện "+planRef(plan)+" "+plan.Summary, domain.MaxSummary)
	in := domain.DraftInput{Kind: string(domain.KindReport), Summary: summary, Body: body,
		Confidentiality: string(plan.Confidentiality), Recipients: []string{issuer.ID},
		InReplyToDocumentID: directive.ID}
	d, err := domain.NewDraft(newID(), in, a, []domain.Unit{issuer}, s.now())
	if err != nil {
		return DocumentView{}, err
	}
	return s.insertDraft(ctx, a, d, key)
}

// planRef cites the plan as officials do: «Kế hoạch số 01/KH-STTTT ngày
// 05/3/2026».
func planRef(plan domain.Document) string {
	r := wording.Ref{Kind: string(plan.Kind), Notation: plan.Notation}
	if plan.IssuedAt != nil {
		r.Date = *plan.IssuedAt
	}
	return wording.Reference(r)
}

func (s *service) reportBody(ctx context.Context, token string, plan domain.Document, tasks []domain.TaskView) string {
	lead := map[string]domain.TaskView{}
	for _, t := range tasks {
		if t.Role == "lead" {
			lead[t.PlanItemID] = t
		}
	}
	now := s.now()
	var b strings.Builder
	fmt.Fprintf(&b, "Kết quả thực hiện %s (%d nhiệm vụ):\n", planRef(plan), len(plan.Items))
	for i, it := range plan.Items {
		unit := it.LeadUnitID
		if u, err := s.dir.Unit(ctx, token, it.LeadUnitID); err == nil && u.Name != "" {
			unit = u.Name
		}
		t, known := lead[it.ID]
		due := it.DueDate
		if known && t.DueDate != "" {
			due = t.DueDate
		}
		class := openClass(due, now)
		if known {
			class, _ = classOf(t, now)
		}
		fmt.Fprintf(&b, "\n%d. %s\n- Đơn vị chủ trì: %s\n- Hạn xử lý: %s\n- Tình trạng: %s\n- Tiến độ: %d%%\n",
			i+1, it.Title, unit, wording.DateISO(due), wording.ClassName(class), t.Progress)
		writeLatest(&b, t, known)
	}
	writeTotals(&b, reportTotals(tasks, now))
	return truncate(b.String(), domain.MaxBody)
}

// classOf judges a task of the read model at now as the tasks service
// does (followup.ClassAt): the class a completion event carried, else from
// its status, due date and, for a task awaiting review, the submission of
// the final report that waits (its latest report).
func classOf(t domain.TaskView, now time.Time) (string, bool) {
	if t.Status == "completed" && t.Class != "" {
		return t.Class, true
	}
	due, err := time.ParseInLocation(domain.DateLayout, t.DueDate, domain.Zone)
	if err != nil {
		return openClass(t.DueDate, now), t.Status != "cancelled"
	}
	s := followup.Standing{Status: t.Status, DueEnd: due.AddDate(0, 0, 1).Add(-time.Nanosecond)}
	if at, err := pkgstore.ParseTime(t.ReportAt); err == nil && t.Status == "awaiting_review" {
		s.FinalReportAt = &at
	}
	if at, err := pkgstore.ParseTime(t.UpdatedAt); err == nil && t.Status == "cancelled" {
		s.CancelledAt = &at
	} else if t.Status == "cancelled" {
		s.CancelledAt = &now
	}
	return followup.ClassAt(s, now)
}

// reportTotals are the plan's totals as API.md defines them, the same
// figures as the tasks service's progress (followup.Totals): all the
// plan's own tasks, lead and cooperating, split by role.
func reportTotals(tasks []domain.TaskView, now time.Time) followup.Totals {
	tot := followup.NewTotals()
	for _, t := range tasks {
		c, counted := classOf(t, now)
		tot.Add(followup.Member{Role: t.Role, ParentTaskID: t.ParentTaskID, Class: c, Counted: counted})
	}
	return tot
}

// writeTotals writes the totals line and one line per role, in words.
func writeTotals(b *strings.Builder, tot followup.Totals) {
	counts := func(n followup.Counts, review string) string {
		parts := make([]string, 0, len(wording.Classes))
		for _, c := range wording.Classes {
			parts = append(parts, fmt.Sprintf("%s: %d", wording.ClassName(c), n.Of(c)))
		}
		return fmt.Sprintf("%s; %s%s: %d.", strings.Join(parts, ", "), wording.ClassName(followup.AwaitingReview), review, n.AwaitingReview)
	}
	fmt.Fprintf(b, "\nTổng hợp (%d việc đã giao, gồm đơn vị chủ trì và đơn vị phối hợp): %s\n", tot.Sum(),
		counts(tot.Counts, " (đã báo cáo hoàn thành đúng hạn)"))
	for _, role := range []string{followup.RoleLead, followup.RoleCooperate} {
		fmt.Fprintf(b, "- %s: %s\n", wording.RoleNames[role], counts(tot.ByRole[role], ""))
	}
}

// periodicSection lists, per item, each unit's periodic reports per
// period in officials' words: the period, the unit, the due date, and
// whether (and when) it reported.
func (s *service) periodicSection(ctx context.Context, token string, plan domain.Document, rs []domain.ReportRequest) string {
	if len(rs) == 0 {
		return ""
	}
	names := map[string]string{}
	unit := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		n := id
		if u, err := s.dir.Unit(ctx, token, id); err == nil && u.Name != "" {
			n = u.Name
		}
		names[id] = n
		return n
	}
	return periodicText(plan.Items, rs, s.now(), unit)
}

// periodicText writes the periodic reports of items, their states at now,
// unit names from unit.
func periodicText(items []domain.PlanItem, rs []domain.ReportRequest, now time.Time, unit func(id string) string) string {
	byItem := map[string][]domain.ReportRequest{}
	for _, r := range rs {
		byItem[r.PlanItemID] = append(byItem[r.PlanItemID], r)
	}
	var b strings.Builder
	b.WriteString("\nBáo cáo định kỳ của các đơn vị:\n")
	for i, it := range items {
		list := byItem[it.ID]
		if len(list) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%d. %s\n", i+1, it.Title)
		for _, r := range list {
			line := fmt.Sprintf("- %s, %s (%s): hạn %s, %s", wording.PeriodName(r.Period), unit(r.UnitID),
				strings.ToLower(wording.Roles[r.Role]), wording.DateISO(r.DueDate), strings.ToLower(wording.ReportState(r.State(now))))
			if at, err := pkgstore.ParseTime(r.ReportedAt); r.ReportedAt != "" && err == nil {
				line += " ngày " + wording.Date(at)
			}
			b.WriteString(line + ".\n")
		}
	}
	return b.String()
}

// Caps on one item's report text, so that a long result does not crowd the
// later items out of the body.
const (
	maxItemSummary = 500
	maxItemResult  = 2_000
)

// writeLatest writes an item's latest report: its summary and result when
// the tasks service sent them (it does not for a task that is not of normal
// confidentiality), else only whether there was one.
func writeLatest(b *strings.Builder, t domain.TaskView, known bool) {
	summary, result := oneLine(t.Summary, maxItemSummary), oneLine(t.Result, maxItemResult)
	switch {
	case known && t.Status == "cancelled":
		result = "đã hủy"
	case !known || !t.Reported:
		result = notReportedVi
	case summary == "" && result == "" && t.Status == "completed":
		result = "đã hoàn thành"
	case summary == "" && result == "":
		result = fmt.Sprintf("đã báo cáo, tiến độ %d%%", t.Progress)
	case result == "":
		result = "(báo cáo không nêu kết quả)"
	}
	if summary != "" && t.Status != "cancelled" {
		fmt.Fprintf(b, "- Báo cáo gần nhất: %s\n", summary)
	}
	fmt.Fprintf(b, "- Kết quả: %s\n", result)
}

// oneLine folds s onto one line (the body lists items line by line) and cuts
// it to n characters.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// openClass classes an open task by its due date, which ends at 23:59:59
// in Viet Nam.
func openClass(due string, now time.Time) string {
	d, err := time.ParseInLocation(domain.DateLayout, due, domain.Zone)
	if err != nil || now.Before(d.AddDate(0, 0, 1)) {
		return classOpen
	}
	return classOverdue
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
