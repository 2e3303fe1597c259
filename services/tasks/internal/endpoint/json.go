package endpoint

import (
	"time"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// The conversions from the application's results to the wire types of
// tasksapi, which the transport encodes as they are.

func taskJSON(v app.TaskView) tasksapi.Task {
	t := v.Task
	return tasksapi.Task{
		ID: t.ID, SourceDocumentID: t.SourceDocumentID, PlanItemID: t.PlanItemID, ParentTaskID: t.ParentTaskID,
		AssignerUnitID: t.AssignerUnitID, AssigneeUnitID: t.AssigneeUnitID, AssigneeUserID: t.AssigneeUserID,
		Role: string(t.Role), Title: t.Title, DueDate: t.DueDate.String(), DueWorkingDays: t.DueWorkingDays, Status: string(t.Status),
		ProgressPercent: t.ProgressPercent, Class: string(v.Class), CreatedAt: t.CreatedAt.UTC(),
		CompletedAt: utc(t.CompletedAt), CancelledAt: utc(t.CancelledAt),
		Urgency: string(t.Urgency), SourceNotation: t.SourceNotation,
	}
}

func detailJSON(d app.TaskDetail) tasksapi.TaskDetail {
	out := tasksapi.TaskDetail{Task: taskJSON(d.TaskView), Reports: make([]tasksapi.Report, 0, len(d.Reports)),
		History: make([]tasksapi.HistoryEntry, 0, len(d.History)), Extensions: make([]tasksapi.Extension, 0, len(d.Extensions)),
		ReportRequests: make([]tasksapi.ReportRequest, 0, len(d.ReportRequests)), OverdueReports: d.OverdueReports}
	for _, r := range d.ReportRequests {
		out.ReportRequests = append(out.ReportRequests, requestJSON(r))
	}
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

func requestJSON(r app.RequestView) tasksapi.ReportRequest {
	return tasksapi.ReportRequest{ID: r.ID, Period: r.Period, PeriodStart: r.PeriodStart.String(), PeriodEnd: r.PeriodEnd.String(),
		DueDate: r.DueDate.String(), ReportID: r.ReportID, ReportedAt: utc(r.ReportedAt), State: r.State}
}

func extensionJSON(e domain.Extension) tasksapi.Extension {
	st := e.Decision
	if st == "" {
		st = "pending"
	}
	return tasksapi.Extension{ID: e.ID, TaskID: e.TaskID, PreviousDueDate: e.PreviousDueDate.String(),
		RequestedDueDate: e.RequestedDueDate.String(), Reason: e.Reason, RequestedBy: e.RequestedBy,
		RequestedAt: e.RequestedAt.UTC(), Status: st, Comment: e.Comment, DecidedBy: e.DecidedBy, DecidedAt: utc(e.DecidedAt)}
}

func reportJSON(r domain.Report) tasksapi.Report {
	rep := tasksapi.Report{
		ID: r.ID, TaskID: r.TaskID, AuthorUserID: r.AuthorUserID, AuthorUnitID: r.AuthorUnitID, ProgressPercent: r.ProgressPercent,
		Summary: r.Summary, Result: r.Result, Final: r.Final, SubmittedAt: r.SubmittedAt.UTC(), ReplyDocumentID: r.ReplyDocumentID,
	}
	if r.Decision != "" {
		rep.Review = &tasksapi.Review{Decision: string(r.Decision), Comment: r.Comment, ReviewedBy: r.ReviewedBy, ReviewedAt: utc(r.ReviewedAt)}
	}
	return rep
}

func historyJSON(h domain.HistoryEntry) tasksapi.HistoryEntry {
	return tasksapi.HistoryEntry{
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

func calendarJSON(v app.CalendarView) tasksapi.Calendar {
	out := tasksapi.Calendar{AgencyID: v.AgencyID, Year: v.Year, Source: v.Source, UpdatedBy: v.UpdatedBy,
		UpdatedAt: utc(v.UpdatedAt), Days: make([]tasksapi.CalendarDay, 0, len(v.Days))}
	for _, d := range v.Days {
		out.Days = append(out.Days, tasksapi.CalendarDay{Date: d.Date.Format(time.DateOnly), Off: d.Off, Name: d.Name})
	}
	return out
}
