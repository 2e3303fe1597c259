// Package endpoint exposes the tasks use cases as go-kit endpoints. Errors
// are returned, not carried in responses; the transport maps them once.
package endpoint

import (
	"context"
	"net/url"
	"strconv"

	"github.com/go-kit/kit/endpoint"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/httpx"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/tasksapi"
)

// Set holds one endpoint per use case.
type Set struct {
	ListTasks        endpoint.Endpoint
	GetTask          endpoint.Endpoint
	Accept           endpoint.Endpoint
	Delegate         endpoint.Endpoint
	SubmitReport     endpoint.Endpoint
	ReviewReport     endpoint.Endpoint
	RequestExtension endpoint.Endpoint
	DecideExtension  endpoint.Endpoint
	PlanProgress     endpoint.Endpoint
	UnitStats        endpoint.Endpoint
	Calendar         endpoint.Endpoint
	SetCalendar      endpoint.Endpoint
	ResetCalendar    endpoint.Endpoint
	ReminderRules    endpoint.Endpoint
	SetReminderRules endpoint.Endpoint
	SendDigests      endpoint.Endpoint
	Analytics        endpoint.Endpoint
}

// New builds the endpoints of s, each wrapped once in mw(name) (tracing,
// logging, metrics and token verification). Each route names here, once,
// the scope an integration client needs to call it (auth.NoClient: none
// may).
func New(s app.Service, mw func(name string) endpoint.Middleware) Set {
	wrap := func(name, scope string, e endpoint.Endpoint) endpoint.Endpoint {
		return mw(name)(auth.RequireScope(scope)(e))
	}
	const read, none = auth.ScopeTasksRead, auth.NoClient
	return Set{
		ListTasks:        wrap("list_tasks", read, makeListTasks(s)),
		GetTask:          wrap("get_task", read, makeGetTask(s)),
		Accept:           wrap("accept_task", none, makeAccept(s)),
		Delegate:         wrap("delegate_task", none, makeDelegate(s)),
		SubmitReport:     wrap("submit_report", none, makeReport(s)),
		ReviewReport:     wrap("review_report", none, makeReview(s)),
		RequestExtension: wrap("request_extension", none, makeExtension(s)),
		DecideExtension:  wrap("decide_extension", none, makeDecision(s)),
		PlanProgress:     wrap("plan_progress", read, makePlanProgress(s)),
		UnitStats:        wrap("unit_stats", read, makeUnitStats(s)),
		Calendar:         wrap("get_calendar", read, makeCalendar(s, "get")),
		SetCalendar:      wrap("set_calendar", none, makeCalendar(s, "put")),
		ResetCalendar:    wrap("reset_calendar", none, makeCalendar(s, "delete")),
		ReminderRules:    wrap("reminder_rules", none, makeReminderRules(s)),
		SetReminderRules: wrap("set_reminder_rules", none, makeSetReminderRules(s)),
		SendDigests:      wrap("send_weekly_digests", none, makeSendDigests(s)),
		// People's and units' figures by the caller's place: a client has none.
		Analytics: wrap("task_analytics", none, makeAnalytics(s)),
	}
}

// ListTasksRequest is the query as given (tasksapi.TaskQuery); it is
// checked after the caller is authenticated, so a bad query from an
// unknown caller is a 401.
type ListTasksRequest = tasksapi.TaskQuery

func makeListTasks(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(ListTasksRequest)
		page, err := httpx.ParsePage(url.Values{"limit": {req.Limit}, "cursor": {req.Cursor}})
		if err != nil {
			return nil, err
		}
		res, err := s.ListTasks(ctx, app.ListTasksRequest{
			Box: req.Box, Status: req.Status, SourceDocumentID: req.SourceDocumentID, Overdue: req.Overdue,
			Assignee: req.Assignee, Limit: page.Limit, Cursor: page.Cursor,
		})
		if err != nil {
			return nil, err
		}
		out := tasksapi.TaskList{Items: make([]tasksapi.Task, 0, len(res.Items))}
		for _, t := range res.Items {
			out.Items = append(out.Items, taskJSON(t))
		}
		if res.Next != nil {
			out.NextCursor = httpx.EncodeCursor(res.Next.Parts()...)
		}
		return out, nil
	}
}

// GetTaskRequest names one task.
type GetTaskRequest struct{ ID string }

func makeGetTask(s app.Service) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(GetTaskRequest)
		d, err := s.GetTask(ctx, req.ID)
		if err != nil {
			return nil, err
		}
		return detailJSON(d), nil
	}
}

// CalendarRequest is GET, PUT or DELETE /v1/calendars/{year} (Body for
// PUT only); Year is as given and checked after authentication.
type CalendarRequest struct {
	Year string
	// AgencyID is ?agency_id=, "" for the caller's agency.
	AgencyID string
	Body     tasksapi.CalendarUpdate
}

func (r CalendarRequest) year() (int, error) {
	y, err := strconv.Atoi(r.Year)
	if err != nil || len(r.Year) != 4 {
		return 0, apperr.Invalid("no calendar for that year", apperr.FieldError{Field: "year", Message: "is not a year (YYYY)"})
	}
	return y, nil
}

func makeCalendar(s app.Service, op string) endpoint.Endpoint {
	return func(ctx context.Context, request any) (any, error) {
		req := request.(CalendarRequest)
		y, err := req.year()
		if err != nil {
			return nil, err
		}
		var v app.CalendarView
		switch op {
		case "get":
			v, err = s.Calendar(ctx, y, req.AgencyID)
		case "put":
			in := app.CalendarInput{Days: make([]app.CalendarDayInput, 0, len(req.Body.Days))}
			for _, d := range req.Body.Days {
				in.Days = append(in.Days, app.CalendarDayInput{Date: d.Date, Off: d.Off, Name: d.Name})
			}
			v, err = s.SetCalendar(ctx, y, req.AgencyID, in)
		default:
			v, err = s.ResetCalendar(ctx, y, req.AgencyID)
		}
		if err != nil {
			return nil, err
		}
		return calendarJSON(v), nil
	}
}
