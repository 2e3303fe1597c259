package demo

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/eoffice-vn/eoffice/pkg/client"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// member is the person of the file who acts for a unit: its leader if it
// has one, else anyone in it.
func (s Scenario) member(unitKey string) string {
	found := ""
	for _, u := range s.Users {
		if u.Unit != unitKey {
			continue
		}
		for _, r := range u.Roles {
			if r == "leader" {
				return u.Username
			}
		}
		if found == "" {
			found = u.Username
		}
	}
	return found
}

// notFound is true for a 404, which a read model that has not caught up
// answers.
func notFound(err error) bool {
	var pr *client.Problem
	return errors.As(err, &pr) && pr.Status == http.StatusNotFound
}

func (p *player) acceptTasks(ctx context.Context, res *Result) error {
	boss, err := p.as(ctx, p.sc.Plan.ApprovedBy)
	if err != nil {
		return err
	}
	want := p.sc.PlanTasks()
	err = p.eventually(ctx, "the plan's tasks", func() (bool, error) {
		pr, err := boss.Tasks.PlanProgress(ctx, res.Plan.ID)
		if notFound(err) {
			return false, nil
		}
		res.Progress = pr
		return pr.Totals.Sum() >= want, err
	})
	if err != nil {
		return err
	}
	res.PlanTasks = res.Progress.Totals.Sum()
	p.log("the plan made %d tasks", res.PlanTasks)

	// How many tasks each unit expects, of the directive and of the plan.
	type source struct{ doc, unit string }
	expect := map[source]int{}
	var order []source
	add := func(doc, unit string) {
		k := source{doc, unit}
		if expect[k] == 0 {
			order = append(order, k)
		}
		expect[k]++
	}
	if res.Directive.DueDate != "" {
		for _, u := range p.sc.Directive.Recipients {
			add(res.Directive.ID, u)
		}
	}
	for _, it := range p.sc.Plan.Items {
		add(res.Plan.ID, it.Lead)
		for _, u := range it.Cooperating {
			add(res.Plan.ID, u)
		}
	}
	for _, k := range order {
		who := p.sc.member(k.unit)
		if who == "" {
			p.log("nobody of %s is in the file: its tasks stay assigned", k.unit)
			continue
		}
		c, err := p.as(ctx, who)
		if err != nil {
			return err
		}
		unitID := p.unitIDs[k.unit]
		var mine []tasksapi.Task
		err = p.eventually(ctx, "tasks of "+k.unit, func() (bool, error) {
			all, err := c.Tasks.Box(ctx, "inbox", url.Values{"source_document_id": {k.doc}})
			mine = mine[:0]
			for _, t := range all {
				if t.AssigneeUnitID == unitID && t.ParentTaskID == "" {
					mine = append(mine, t)
				}
			}
			return len(mine) >= expect[k], err
		})
		if err != nil {
			return err
		}
		for _, t := range mine {
			if t.Status != "assigned" {
				continue
			}
			if _, err := c.Tasks.Accept(ctx, t.ID); err != nil {
				return fmt.Errorf("%s accepts %q: %w", who, t.Title, err)
			}
			res.Accepted++
		}
	}
	p.log("the units accepted %d tasks", res.Accepted)
	return nil
}

func (p *player) sendReports(ctx context.Context, res *Result) error {
	reviewer, err := p.as(ctx, p.sc.Plan.ApprovedBy)
	if err != nil {
		return err
	}
	for i, r := range p.sc.Reports {
		if r.Item >= len(res.Plan.Items) {
			return fmt.Errorf("reports[%d]: the issued plan has %d items", i, len(res.Plan.Items))
		}
		item := res.Plan.Items[r.Item]
		c, err := p.as(ctx, r.By)
		if err != nil {
			return err
		}
		tasks, err := c.Tasks.Box(ctx, "inbox", url.Values{"source_document_id": {res.Plan.ID}})
		if err != nil {
			return err
		}
		var task *tasksapi.Task
		for i := range tasks {
			t := &tasks[i]
			if t.PlanItemID == item.ID && t.Role == "lead" && t.ParentTaskID == "" {
				task = t
			}
		}
		if task == nil {
			return fmt.Errorf("reports[%d]: %s sees no lead task of item %d", i, r.By, r.Item+1)
		}
		rep, err := c.Tasks.SubmitReport(ctx, task.ID, tasksapi.NewReport{ProgressPercent: &r.ProgressPercent, Summary: r.Summary, Result: r.Result, Final: &r.Final}, "")
		if err != nil {
			return fmt.Errorf("%s reports on item %d: %w", r.By, r.Item+1, err)
		}
		res.Reports++
		if _, err := reviewer.Tasks.Review(ctx, task.ID, rep.ID, tasksapi.ReviewRequest{Decision: "accepted", Comment: "Đồng ý."}); err != nil {
			return fmt.Errorf("%s reviews the report on item %d: %w", p.sc.Plan.ApprovedBy, r.Item+1, err)
		}
		res.Reviewed++
		final := ""
		if r.Final {
			final = ", final"
		}
		p.log("%s reported %d%% on item %d%s; %s accepted it", r.By, r.ProgressPercent, r.Item+1, final, p.sc.Plan.ApprovedBy)
	}
	return nil
}
