package domain

import (
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/urgency"
)

// Role of the assignee in the work: the lead unit (chủ trì) or a
// cooperating unit (phối hợp).
type Role string

const (
	RoleLead      Role = "lead"
	RoleCooperate Role = "cooperate"
)

// Origin says how a task arose (DOMAIN.md, Tasks). It is part of the
// task's natural key, so the same document can yield tasks in several ways
// without the ways colliding.
type Origin string

const (
	// OriginDocument: a document (not a plan) with a due date was issued;
	// one task per recipient unit.
	OriginDocument Origin = "document"
	// OriginPlanItem: a plan was issued; one task per item and unit.
	OriginPlanItem Origin = "plan_item"
	// OriginDirection: a leader directed an incoming document.
	OriginDirection Origin = "direction"
	// OriginDelegation: a leader delegated a task down the unit tree.
	OriginDelegation Origin = "delegation"
)

// Urgency of the source document (độ khẩn), in edXML priority order.
type Urgency = urgency.Level

const (
	UrgencyNormal     = urgency.Normal
	UrgencyUrgent     = urgency.Urgent
	UrgencyVeryUrgent = urgency.VeryUrgent
	UrgencyFlash      = urgency.Flash
)

// ParseUrgency maps the documents service's value (urgency.Parse); an empty
// or unknown value (a newer producer) is read as normal rather than losing
// the task.
func ParseUrgency(s string) Urgency { return urgency.Parse(s) }

// Task is one unit's obligation. Optional ids (plan item, parent task,
// assignee user) are "" when absent, never NULL, so that the natural key is
// enforceable by UNIQUE on every database.
type Task struct {
	ID     string
	Origin Origin

	SourceDocumentID string
	SourceKind       string
	SourceNotation   string
	Confidentiality  string
	Urgency          Urgency
	PlanItemID       string
	ParentTaskID     string

	AssignerUnitID string
	AssigneeUnitID string
	// AssigneeUserID names a specialist when a leader delegates to a person.
	AssigneeUserID string
	Role           Role

	Title   string
	DueDate Date
	// DueWorkingDays is n when the deadline was given as "n ngày làm việc"
	// (DueDate is then computed over the assigner agency's calendar), else 0.
	DueWorkingDays  int
	Status          Status
	ProgressPercent int

	CreatedAt   time.Time
	UpdatedAt   time.Time
	CompletedAt *time.Time
	CancelledAt *time.Time
	// FinalReportAt is the submission of the final report waiting for
	// review, or accepted (nil when none is, e.g. after it was returned);
	// AcceptedAt when the assigner accepted it. A scoreboard of a past
	// period reads the class as of its end from them.
	FinalReportAt *time.Time
	AcceptedAt    *time.Time
	// Version counts changes, for optimistic locking of later state changes.
	Version int
}

// Class is the task's follow-up class at now (ClassAt).
func (t Task) Class(now time.Time) Class {
	c, _ := t.ClassAt(now)
	return c
}

// Validate checks the invariants every stored task keeps.
func (t Task) Validate() error {
	var v apperr.Validator
	v.Check(t.ID != "", "id", "is required")
	v.Check(t.SourceDocumentID != "", "source_document_id", "is required")
	v.Check(t.AssignerUnitID != "", "assigner_unit_id", "is required")
	v.Check(t.AssigneeUnitID != "", "assignee_unit_id", "is required")
	v.Check(t.Role == RoleLead || t.Role == RoleCooperate, "role", "must be lead or cooperate")
	v.Check(strings.TrimSpace(t.Title) != "", "title", "is required")
	v.Check(!t.DueDate.IsZero(), "due_date", "is required")
	_, err := ParseStatus(string(t.Status))
	v.Check(err == nil, "status", "is not a task status")
	v.Check(t.DueWorkingDays >= 0, "due_working_days", "must not be negative")
	v.Check(t.ProgressPercent >= 0 && t.ProgressPercent <= 100, "progress_percent", "must be 0 to 100")
	v.Check(t.Status != StatusCompleted || t.CompletedAt != nil, "completed_at", "is required for a completed task")
	switch t.Origin {
	case OriginDocument, OriginPlanItem, OriginDirection, OriginDelegation:
	default:
		v.Add("origin", fmt.Sprintf("unknown origin %q", t.Origin))
	}
	return v.Err()
}
