package demo

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
	"github.com/eoffice-vn/eoffice/services/identity/identityapi"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// issueReport drafts the consolidated report, has it approved and issues
// it. The documents service writes the report from its own copy of task
// progress, fed by events: a draft written before the last review arrived
// is left as a draft and a fresh one is made.
func (p *player) issueReport(ctx context.Context, res *Result) error {
	d := p.sc.Plan
	boss, err := p.as(ctx, d.ApprovedBy)
	if err != nil {
		return err
	}
	progress, err := boss.Tasks.PlanProgress(ctx, res.Plan.ID)
	if err != nil {
		return err
	}
	want := expectedProgress(res.Plan, progress)
	doc, err := p.passThrough(ctx, d, func(c *apis.Clients) (documentsapi.Document, error) {
		var draft documentsapi.Document
		// Each stale attempt leaves a draft behind: give the events a
		// moment first, then try once a second.
		deadline := time.Now().Add(p.cfg.Wait)
		for {
			if err := sleep(ctx, time.Second); err != nil {
				return draft, err
			}
			var err error
			if draft, err = c.Documents.ConsolidatedReport(ctx, res.Plan.ID); err != nil {
				return draft, err
			}
			if full, err := c.Documents.Get(ctx, draft.ID); err == nil {
				draft = full
			}
			if reportCurrent(draft.BodyText(), want) {
				return draft, nil
			}
			if time.Now().After(deadline) {
				return draft, fmt.Errorf("the consolidated report does not show the latest progress within %s", p.cfg.Wait)
			}
			p.log("the draft report %s missed the latest progress; drafting again", draft.ID)
		}
	})
	if err != nil {
		return err
	}
	res.Report = doc
	if res.Progress, err = boss.Tasks.PlanProgress(ctx, res.Plan.ID); err != nil {
		return err
	}
	p.log("%s issued the consolidated report %s to %s", res.Units.Label(doc.IssuerUnitID), doc.Notation, labels(res.Units, doc.Recipients))
	return nil
}

var progressLine = regexp.MustCompile(`Tiến độ: (\d+)%`)

// expectedProgress is each item's progress, in the plan's order.
func expectedProgress(plan documentsapi.Document, pr tasksapi.PlanProgress) []int {
	byItem := map[string]int{}
	for _, it := range pr.Items {
		byItem[it.PlanItemID] = it.ProgressPercent
	}
	out := make([]int, 0, len(plan.Items))
	for _, it := range plan.Items {
		out = append(out, byItem[it.ID])
	}
	return out
}

// reportCurrent compares the progress the report lists with the tasks
// service's; a body in another layout is taken as it is.
func reportCurrent(body string, want []int) bool {
	found := progressLine.FindAllStringSubmatch(body, -1)
	if len(found) != len(want) {
		return true
	}
	for i, m := range found {
		if n, _ := strconv.Atoi(m[1]); n != want[i] {
			return false
		}
	}
	return true
}

// followReport checks that the report reached the directive's issuer,
// has its clerk register it, and has its leader accept it as the final
// report on the task the directive gave the plan's issuer.
func (p *player) followReport(ctx context.Context, res *Result) error {
	leader, err := p.as(ctx, p.sc.Directive.ApprovedBy)
	if err != nil {
		return err
	}
	err = p.eventually(ctx, "the report in the issuer's incoming box", func() (bool, error) {
		box, err := client.All[documentsapi.Document](ctx, leader.Client, client.Documents, "/v1/documents?"+url.Values{"box": {"incoming"}, "kind": {"report"}}.Encode(), 0)
		for _, d := range box {
			if d.ID == res.Report.ID {
				res.InIssuerBox = true
			}
		}
		return res.InIssuerBox, err
	})
	if err != nil {
		return err
	}
	clerk, err := p.as(ctx, p.sc.Directive.IssuedBy)
	if err != nil {
		return err
	}
	reg, err := clerk.Documents.Action(ctx, res.Report.ID, "register", nil)
	if err != nil {
		return fmt.Errorf("register the report: %w", err)
	}
	number := ""
	if reg.Receipt != nil && reg.Receipt.IncomingNumber > 0 {
		number = fmt.Sprintf(" as incoming no. %d", reg.Receipt.IncomingNumber)
	}
	p.log("the report %s is in %s's incoming box; %s registered it%s", res.Report.Notation, res.Units.Label(res.Directive.IssuerUnitID), p.sc.Directive.IssuedBy, number)
	return p.closeDirectiveTask(ctx, leader, res)
}

// closeDirectiveTask: the reply files a final report on the directive's
// task of the plan's issuer; the directive's issuer accepts it.
func (p *player) closeDirectiveTask(ctx context.Context, leader *apis.Clients, res *Result) error {
	if res.Directive.DueDate == "" {
		return nil
	}
	issuer := p.unitIDs[p.sc.Plan.Issuer]
	var task tasksapi.Task
	err := p.eventually(ctx, "the reply's report on the directive's task", func() (bool, error) {
		tasks, err := leader.Tasks.Box(ctx, "outbox", url.Values{"source_document_id": {res.Directive.ID}})
		if err != nil {
			return false, err
		}
		for _, t := range tasks {
			if t.AssigneeUnitID == issuer && t.ParentTaskID == "" && t.Status == "awaiting_review" {
				task = t
				return true, nil
			}
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	full, err := leader.Tasks.Get(ctx, task.ID)
	if err != nil {
		return err
	}
	for _, r := range full.Reports {
		if r.Final && r.Review == nil {
			if _, err := leader.Tasks.Review(ctx, task.ID, r.ID, tasksapi.ReviewRequest{Decision: "accepted", Comment: "Đồng ý với báo cáo."}); err != nil {
				return fmt.Errorf("accept the reply as the directive's final report: %w", err)
			}
			res.DirectiveTaskCompleted = true
			p.log("%s accepted the report: %s's task from the directive is completed", p.sc.Directive.ApprovedBy, res.Units.Label(issuer))
			return nil
		}
	}
	return fmt.Errorf("the directive's task of %s awaits review but has no final report", res.Units.Label(issuer))
}

func labels(d *identityapi.UnitDirectory, ids []string) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ", "
		}
		s += d.Label(id)
	}
	return s
}
