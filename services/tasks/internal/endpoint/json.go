package endpoint

import (
	"time"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// Task is a task in API.md's shape.
type Task struct {
	ID               string     `json:"id"`
	SourceDocumentID string     `json:"source_document_id"`
	PlanItemID       string     `json:"plan_item_id,omitempty"`
	ParentTaskID     string     `json:"parent_task_id,omitempty"`
	AssignerUnitID   string     `json:"assigner_unit_id"`
	AssigneeUnitID   string     `json:"assignee_unit_id"`
	AssigneeUserID   string     `json:"assignee_user_id,omitempty"`
	Role             string     `json:"role"`
	Title            string     `json:"title"`
	DueDate          string     `json:"due_date"`
	Status           string     `json:"status"`
	ProgressPercent  int        `json:"progress_percent"`
	Class            string     `json:"class"`
	CreatedAt        time.Time  `json:"created_at"`
	CompletedAt      *time.Time `json:"completed_at,omitempty"`
	CancelledAt      *time.Time `json:"cancelled_at,omitempty"`
	Urgency          string     `json:"urgency"`
	SourceNotation   string     `json:"source_notation"`
}

// TaskDetail is a task with its reports and history.
type TaskDetail struct {
	Task
	Reports    []Report       `json:"reports"`
	History    []HistoryEntry `json:"history"`
	Extensions []Extension    `json:"extensions"`
}

// Extension is a request for a later due date with its decision.
type Extension struct {
	ID               string     `json:"id"`
	TaskID           string     `json:"task_id"`
	PreviousDueDate  string     `json:"previous_due_date"`
	RequestedDueDate string     `json:"requested_due_date"`
	Reason           string     `json:"reason"`
	RequestedBy      string     `json:"requested_by"`
	RequestedAt      time.Time  `json:"requested_at"`
	Status           string     `json:"status"`
	Comment          string     `json:"comment,omitempty"`
	DecidedBy        string     `json:"decided_by,omitempty"`
	DecidedAt        *time.Time `json:"decided_at,omitempty"`
}

func extensionJSON(e domain.Extension) Extension {
	st := e.Decision
	if st == "" {
		st = "pending"
	}
	return Extension{ID: e.ID, TaskID: e.TaskID, PreviousDueDate: e.PreviousDueDate.String(),
		RequestedDueDate: e.RequestedDueDate.String(), Reason: e.Reason, RequestedBy: e.RequestedBy,
		RequestedAt: e.RequestedAt.UTC(), Status: st, Comment: e.Comment, DecidedBy: e.DecidedBy, DecidedAt: utc(e.DecidedAt)}
}

func reportJSON(r domain.Report) Report {
	rep := Report{
		ID: r.ID, TaskID: r.TaskID, AuthorUserID: r.AuthorUserID, AuthorUnitID: r.AuthorUnitID, ProgressPercent: r.ProgressPercent,
		Summary: r.Summary, Result: r.Result, Final: r.Final, SubmittedAt: r.SubmittedAt.UTC(), ReplyDocumentID: r.ReplyDocumentID,
	}
	if r.Decision != "" {
		rep.Review = &Review{Decision: string(r.Decision), Comment: r.Comment, ReviewedBy: r.ReviewedBy, ReviewedAt: utc(r.ReviewedAt)}
	}
	return rep
}

// Report is a report on a task with its review once given.
type Report struct {
	ID              string    `json:"id"`
	TaskID          string    `json:"task_id"`
	ReplyDocumentID string    `json:"reply_document_id,omitempty"`
	AuthorUserID    string    `json:"author_user_id"`
	AuthorUnitID    string    `json:"author_unit_id"`
	ProgressPercent int       `json:"progress_percent"`
	Summary         string    `json:"summary"`
	Result          string    `json:"result,omitempty"`
	Final           bool      `json:"final"`
	SubmittedAt     time.Time `json:"submitted_at"`
	Review          *Review   `json:"review,omitempty"`
}

// Review is the assigner's verdict on a report.
type Review struct {
	Decision   string     `json:"decision"`
	Comment    string     `json:"comment,omitempty"`
	ReviewedBy string     `json:"reviewed_by"`
	ReviewedAt *time.Time `json:"reviewed_at,omitempty"`
}

// HistoryEntry is one thing that happened to a task.
type HistoryEntry struct {
	Seq         int       `json:"seq"`
	Action      string    `json:"action"`
	ActorUserID string    `json:"actor_user_id,omitempty"`
	ActorUnitID string    `json:"actor_unit_id,omitempty"`
	At          time.Time `json:"at"`
	FromStatus  string    `json:"from_status,omitempty"`
	ToStatus    string    `json:"to_status,omitempty"`
	// What the action was about, each only when it applies.
	Decision   string `json:"decision,omitempty"`
	Reason     string `json:"reason,omitempty"`
	ReportID   string `json:"report_id,omitempty"`
	OldDueDate string `json:"old_due_date,omitempty"`
	NewDueDate string `json:"new_due_date,omitempty"`
	ToUnitID   string `json:"to_unit_id,omitempty"`
	ToUserID   string `json:"to_user_id,omitempty"`
	// Note is people's free text.
	Note string `json:"note,omitempty"`
}

func taskJSON(v app.TaskView) Task {
	t := v.Task
	return Task{
		ID: t.ID, SourceDocumentID: t.SourceDocumentID, PlanItemID: t.PlanItemID, ParentTaskID: t.ParentTaskID,
		AssignerUnitID: t.AssignerUnitID, AssigneeUnitID: t.AssigneeUnitID, AssigneeUserID: t.AssigneeUserID,
		Role: string(t.Role), Title: t.Title, DueDate: t.DueDate.String(), Status: string(t.Status),
		ProgressPercent: t.ProgressPercent, Class: string(v.Class), CreatedAt: t.CreatedAt.UTC(),
		CompletedAt: utc(t.CompletedAt), CancelledAt: utc(t.CancelledAt),
		Urgency: string(t.Urgency), SourceNotation: t.SourceNotation,
	}
}

func detailJSON(d app.TaskDetail) TaskDetail {
	out := TaskDetail{Task: taskJSON(d.TaskView), Reports: make([]Report, 0, len(d.Reports)),
		History: make([]HistoryEntry, 0, len(d.History)), Extensions: make([]Extension, 0, len(d.Extensions))}
	for _, r := range d.Reports {
		out.Reports = append(out.Reports, reportJSON(r))
	}
	for _, e := range d.Extensions {
		out.Extensions = append(out.Extensions, extensionJSON(e))
	}
	for _, h := range d.History {
		out.History = append(out.History, historyJSON(h))
	}
	return out
}

func historyJSON(h domain.HistoryEntry) HistoryEntry {
	return HistoryEntry{
		Seq: h.Seq, Action: string(h.Action), ActorUserID: h.ActorUserID, ActorUnitID: h.ActorUnitID,
		At: h.At.UTC(), FromStatus: string(h.FromStatus), ToStatus: string(h.ToStatus),
		Decision: h.Decision, Reason: h.Reason, ReportID: h.ReportID, OldDueDate: h.OldDueDate.String(),
		NewDueDate: h.NewDueDate.String(), ToUnitID: h.ToUnitID, ToUserID: h.ToUserID, Note: h.Note,
	}
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
