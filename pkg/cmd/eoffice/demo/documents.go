package demo

import (
	"context"
	"fmt"

	"github.com/eoffice-vn/eoffice/pkg/apis"
	"github.com/eoffice-vn/eoffice/services/documents/documentsapi"
)

// passThrough drafts, submits, approves and issues a document, each step
// by the person the file names, and returns it issued.
func (p *player) passThrough(ctx context.Context, d Document, draft func(*apis.Clients) (documentsapi.Document, error)) (documentsapi.Document, error) {
	drafter, err := p.as(ctx, d.DraftedBy)
	if err != nil {
		return documentsapi.Document{}, err
	}
	doc, err := draft(drafter)
	if err != nil {
		return doc, fmt.Errorf("draft: %w", err)
	}
	if doc, err = drafter.Documents.Action(ctx, doc.ID, "submit", nil); err != nil {
		return doc, fmt.Errorf("submit: %w", err)
	}
	approver, err := p.as(ctx, d.ApprovedBy)
	if err != nil {
		return doc, err
	}
	var mark any
	if d.SigningMark != "" {
		mark = documentsapi.Approve{SigningMark: d.SigningMark}
	}
	if doc, err = approver.Documents.Action(ctx, doc.ID, "approve", mark); err != nil {
		return doc, fmt.Errorf("approve: %w", err)
	}
	clerk, err := p.as(ctx, d.IssuedBy)
	if err != nil {
		return doc, err
	}
	if doc, err = clerk.Documents.Action(ctx, doc.ID, "issue", nil); err != nil {
		return doc, fmt.Errorf("issue: %w", err)
	}
	return doc, nil
}

func (p *player) issueDirective(ctx context.Context, res *Result) error {
	d := p.sc.Directive
	doc, err := p.passThrough(ctx, d, func(c *apis.Clients) (documentsapi.Document, error) {
		return c.Documents.Create(ctx, documentsapi.NewDocument{Kind: d.Kind, Summary: d.Summary, Body: d.Body, Urgency: d.Urgency,
			Recipients: p.ids(d.Recipients), DueDate: p.date(d.DueDate)}, "")
	})
	if err != nil {
		return err
	}
	res.Directive = doc
	p.log("%s issued the directive %s to %d units, due %s", res.Units.Label(doc.IssuerUnitID), doc.Notation, len(doc.Recipients), doc.DueDate)
	return nil
}

func (p *player) issuePlan(ctx context.Context, res *Result) error {
	d := p.sc.Plan
	items := make([]documentsapi.Item, 0, len(d.Items))
	for _, it := range d.Items {
		ci := documentsapi.Item{Title: it.Title, Description: it.Description, LeadUnitID: p.unitIDs[it.Lead],
			CooperatingUnitIDs: p.ids(it.Cooperating), DueDate: p.date(it.DueDate), ReportCadence: it.ReportCadence}
		if it.Indicator != nil {
			ci.Indicator = &documentsapi.Indicator{Name: it.Indicator.Name, Target: it.Indicator.Target}
		}
		items = append(items, ci)
	}
	implements := ""
	if d.Implements == "directive" {
		implements = res.Directive.ID
	}
	doc, err := p.passThrough(ctx, d, func(c *apis.Clients) (documentsapi.Document, error) {
		return c.Documents.Create(ctx, documentsapi.NewDocument{Kind: d.Kind, Summary: d.Summary, Body: d.Body, Urgency: d.Urgency,
			Recipients: p.ids(d.Recipients), DueDate: p.date(d.DueDate), ImplementsDocumentID: implements, Items: items}, "")
	})
	if err != nil {
		return err
	}
	res.Plan = doc
	p.log("%s issued the plan %s implementing %s: %d items", res.Units.Label(doc.IssuerUnitID), doc.Notation, res.Directive.Notation, len(doc.Items))
	return nil
}
