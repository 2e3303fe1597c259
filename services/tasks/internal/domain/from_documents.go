package domain

import (
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
)

// PlanItem is what tasks needs of a plan.item_issued event.
type PlanItem struct {
	PlanDocumentID  string
	ItemID          string
	Title           string
	LeadUnitID      string
	Cooperating     []string
	DueDate         string
	IssuerUnitID    string
	PlanNotation    string
	Urgency         string
	Confidentiality string
	// Cadence is the item's report_cadence (ParseCadence).
	Cadence string
}

// Direction is what tasks needs of a document.directed event.
type Direction struct {
	DocumentID      string
	AgencyID        string // the directing recipient agency: the assigner
	LeadUnitID      string
	Cooperating     []string
	DueDate         string
	Notation        string
	Summary         string
	Urgency         string
	Confidentiality string
	DirectedBy      string
	// LeadUser is a lead person (cá nhân chủ trì) instead of a lead unit:
	// their task is their unit's, named to them.
	LeadUser Person
	// CooperatingUsers are cooperating persons, each a cooperate task.
	CooperatingUsers []Person
}

// Person is a person a direction names, with their unit.
type Person struct {
	UserID, UnitID string
}

// assignment is the common part of the lead-and-cooperating fan-outs.
type assignment struct {
	origin                          Origin
	docID, kind, notation, planItem string
	assigner, lead                  string
	cooperating                     []string
	leadUser                        string
	coopUsers                       []Person
	title, due, urgency, conf       string
}

func (a assignment) tasks(now time.Time, newID func() string) ([]Task, error) {
	var v apperr.Validator
	v.Check(a.docID != "", "document_id", "is required")
	v.Check(a.assigner != "", "assigner_unit_id", "is required")
	v.Check(a.lead != "", "lead_unit_id", "is required")
	due, err := ParseDate(a.due)
	if err != nil {
		v.Add("due_date", err.Error())
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if a.conf == "" {
		a.conf = "normal"
	}
	now = now.UTC()
	// A person's task is their unit's, named to them; its natural key
	// (unit and user) stays apart from the unit's own task.
	mk := func(unit, user string, role Role) Task {
		return Task{ID: newID(), Origin: a.origin, SourceDocumentID: a.docID, SourceKind: a.kind,
			SourceNotation: a.notation, Confidentiality: a.conf, Urgency: ParseUrgency(a.urgency),
			PlanItemID: a.planItem, AssignerUnitID: a.assigner, AssigneeUnitID: unit, AssigneeUserID: user, Role: role,
			Title: a.title, DueDate: due, Status: StatusAssigned, CreatedAt: now, UpdatedAt: now, Version: 1}
	}
	out := []Task{mk(a.lead, a.leadUser, RoleLead)}
	seen := map[Person]bool{{UnitID: a.lead, UserID: a.leadUser}: true}
	coop := make([]Person, 0, len(a.cooperating)+len(a.coopUsers))
	for _, u := range a.cooperating {
		coop = append(coop, Person{UnitID: u})
	}
	coop = append(coop, a.coopUsers...)
	for _, p := range coop {
		if p.UnitID == "" || seen[p] {
			continue
		}
		seen[p] = true
		out = append(out, mk(p.UnitID, p.UserID, RoleCooperate))
	}
	for _, t := range out {
		if err := t.Validate(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// TasksForPlanItem: one lead task for the item's lead unit and one
// cooperate task per cooperating unit, with the item's due date.
func TasksForPlanItem(it PlanItem, now time.Time, newID func() string) ([]Task, error) {
	title := strings.TrimSpace(it.Title)
	if it.Confidentiality != "" && it.Confidentiality != "normal" {
		title = "Nhiệm vụ kế hoạch " + it.PlanNotation
	}
	var v apperr.Validator
	v.Check(it.ItemID != "", "item_id", "is required")
	v.Check(title != "", "title", "is required")
	if err := v.Err(); err != nil {
		return nil, err
	}
	return assignment{origin: OriginPlanItem, docID: it.PlanDocumentID, kind: KindPlan, notation: it.PlanNotation,
		planItem: it.ItemID, assigner: it.IssuerUnitID, lead: it.LeadUnitID, cooperating: it.Cooperating,
		title: title, due: it.DueDate, urgency: it.Urgency, conf: it.Confidentiality}.tasks(now, newID)
}

// TasksForDirection: the lead (a unit, or a person of a unit) and the
// cooperating units and persons of a directed incoming document, assigned
// by the directing agency.
func TasksForDirection(d Direction, now time.Time, newID func() string) ([]Task, error) {
	title := TitleFor(IssuedDocument{Notation: d.Notation, Summary: d.Summary, Confidentiality: d.Confidentiality})
	lead := d.LeadUnitID
	if d.LeadUser.UserID != "" {
		lead = d.LeadUser.UnitID
	}
	return assignment{origin: OriginDirection, docID: d.DocumentID, notation: d.Notation, assigner: d.AgencyID,
		lead: lead, leadUser: d.LeadUser.UserID, cooperating: d.Cooperating, coopUsers: d.CooperatingUsers,
		title: title, due: d.DueDate, urgency: d.Urgency, conf: d.Confidentiality}.tasks(now, newID)
}

// Delegated is the child task of parent for a unit below its assignee.
func Delegated(parent Task, id, unit string, due Date, now time.Time) Task {
	now = now.UTC()
	return Task{ID: id, Origin: OriginDelegation, SourceDocumentID: parent.SourceDocumentID, SourceKind: parent.SourceKind,
		SourceNotation: parent.SourceNotation, Confidentiality: parent.Confidentiality, Urgency: parent.Urgency,
		PlanItemID: parent.PlanItemID, ParentTaskID: parent.ID, AssignerUnitID: parent.AssigneeUnitID,
		AssigneeUnitID: unit, Role: RoleLead, Title: parent.Title, DueDate: due, Status: StatusAssigned,
		CreatedAt: now, UpdatedAt: now, Version: 1}
}

// ReplyReport is the final report a reply document files on a task of the
// document it answers; the assigner still reviews it.
func ReplyReport(t Task, reply IssuedDocument, id string, now time.Time) Report {
	summary := "Văn bản trả lời"
	if n := strings.TrimSpace(reply.Notation); n != "" {
		summary += " " + n
	}
	if s := strings.TrimSpace(reply.Summary); s != "" && confidentialityOf(reply) == "normal" {
		summary += ": " + s
	}
	return Report{ID: id, TaskID: t.ID, AuthorUserID: reply.IssuedBy, AuthorUnitID: reply.IssuerUnitID,
		ProgressPercent: 100, Summary: summary, Final: true, SubmittedAt: now.UTC(), ReplyDocumentID: reply.DocumentID}
}

// RoutingStep is what tasks needs of a document.routed event: an assign
// inside a unit, or a return, moves the unit's task with the document.
type RoutingStep struct {
	DocumentID, StepID, Kind string
	FromUserID, FromUnitID   string
	ToUserID, ToUnitID       string
	Note                     string
}
