package tasksapi

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/eoffice-vn/eoffice/pkg/client"
)

// Client calls the tasks service's public API as one signed-in user.
type Client struct{ c *client.Client }

// New is the tasks service's client over c.
func New(c *client.Client) *Client { return &Client{c: c} }

func taskPath(id string, rest ...string) string {
	p := "/v1/tasks/" + url.PathEscape(id)
	for _, r := range rest {
		p += r
	}
	return p
}

// Box lists a whole box (inbox or outbox) with extra filters.
func (c *Client) Box(ctx context.Context, box string, filter url.Values) ([]Task, error) {
	q := url.Values{"box": {box}}
	for k, v := range filter {
		q[k] = v
	}
	return client.All[Task](ctx, c.c, client.Tasks, "/v1/tasks?"+q.Encode(), 0)
}

// Page reads one page of a task box; q holds box and the filters.
func (c *Client) Page(ctx context.Context, q url.Values) (TaskList, error) {
	var p TaskList
	err := c.c.Do(ctx, client.Tasks, http.MethodGet, "/v1/tasks?"+q.Encode(), nil, &p)
	return p, err
}

// Get reads a task with its reports, history and extension requests.
func (c *Client) Get(ctx context.Context, id string) (TaskDetail, error) {
	var out TaskDetail
	err := c.c.Do(ctx, client.Tasks, http.MethodGet, taskPath(id), nil, &out)
	return out, err
}

// Accept takes a task on.
func (c *Client) Accept(ctx context.Context, id string) (Task, error) {
	var out Task
	err := c.c.Do(ctx, client.Tasks, http.MethodPost, taskPath(id, "/accept"), nil, &out)
	return out, err
}

// Action posts to /v1/tasks/{id}/{action} (accept, reports, ...) with body
// (nil for none); key, when set, is its Idempotency-Key.
func (c *Client) Action(ctx context.Context, id, action string, body any, key string) error {
	return c.c.DoWith(ctx, client.Tasks, http.MethodPost, taskPath(id, "/"+action), client.Idempotency(key), body, nil)
}

// SubmitReport reports progress on a task.
func (c *Client) SubmitReport(ctx context.Context, taskID string, r NewReport, key string) (Report, error) {
	var out Report
	err := c.c.DoWith(ctx, client.Tasks, http.MethodPost, taskPath(taskID, "/reports"), client.Idempotency(key), r, &out)
	return out, err
}

// Review accepts or returns a report; it returns the reviewed report and
// the task after it.
func (c *Client) Review(ctx context.Context, taskID, reportID string, r ReviewRequest) (ReviewResult, error) {
	var out ReviewResult
	err := c.c.Do(ctx, client.Tasks, http.MethodPost, taskPath(taskID, "/reports/", url.PathEscape(reportID), "/review"), r, &out)
	return out, err
}

// Delegate hands a task down to a child unit; key, when set, is its
// Idempotency-Key. It returns the child task.
func (c *Client) Delegate(ctx context.Context, taskID string, d Delegation, key string) (Task, error) {
	var out Task
	err := c.c.DoWith(ctx, client.Tasks, http.MethodPost, taskPath(taskID, "/delegate"), client.Idempotency(key), d, &out)
	return out, err
}

// RequestExtension asks the assigner for a later due date.
func (c *Client) RequestExtension(ctx context.Context, taskID string, r ExtensionRequest, key string) (Extension, error) {
	var out Extension
	err := c.c.DoWith(ctx, client.Tasks, http.MethodPost, taskPath(taskID, "/extension"), client.Idempotency(key), r, &out)
	return out, err
}

// DecideExtension approves or rejects the pending extension request; only
// approval moves the due date.
func (c *Client) DecideExtension(ctx context.Context, taskID string, d ExtensionDecisionRequest) (ExtensionDecision, error) {
	var out ExtensionDecision
	err := c.c.Do(ctx, client.Tasks, http.MethodPost, taskPath(taskID, "/extension/decision"), d, &out)
	return out, err
}

// PlanProgress is a plan's items as their lead tasks stand, and the class
// totals of all its tasks.
func (c *Client) PlanProgress(ctx context.Context, planID string) (PlanProgress, error) {
	var out PlanProgress
	err := c.c.Do(ctx, client.Tasks, http.MethodGet, "/v1/plans/"+url.PathEscape(planID)+"/progress", nil, &out)
	return out, err
}

// PlanTasks lists the tasks a plan's issue created (the caller's outbox),
// at most max.
func (c *Client) PlanTasks(ctx context.Context, planID string, max int) ([]Task, error) {
	q := TaskQuery{Box: "outbox", SourceDocumentID: planID}
	return client.All[Task](ctx, c.c, client.Tasks, "/v1/tasks?"+q.Values().Encode(), max)
}

// UnitStats is the scoreboard of the tasks due (or, by "completed",
// completed) from..to (YYYY-MM-DD), each as it stood at the period's end.
func (c *Client) UnitStats(ctx context.Context, q StatsQuery) ([]UnitStat, error) {
	var out UnitStats
	err := c.c.Do(ctx, client.Tasks, http.MethodGet, "/v1/stats/units?"+q.Values().Encode(), nil, &out)
	return out.Items, err
}

// Calendar is a year of the caller's agency's calendar of working days.
func (c *Client) Calendar(ctx context.Context, year int, agencyID string) (Calendar, error) {
	var out Calendar
	err := c.c.Do(ctx, client.Tasks, http.MethodGet, calendarPath(year, agencyID), nil, &out)
	return out, err
}

// SetCalendar replaces the agency's holidays and swapped days of year
// (administrators only; agencyID "" for the caller's agency).
func (c *Client) SetCalendar(ctx context.Context, year int, agencyID string, days []CalendarDay) (Calendar, error) {
	var out Calendar
	err := c.c.Do(ctx, client.Tasks, http.MethodPut, calendarPath(year, agencyID), CalendarUpdate{Days: days}, &out)
	return out, err
}

// ResetCalendar returns the agency to the shipped days of year.
func (c *Client) ResetCalendar(ctx context.Context, year int, agencyID string) (Calendar, error) {
	var out Calendar
	err := c.c.Do(ctx, client.Tasks, http.MethodDelete, calendarPath(year, agencyID), nil, &out)
	return out, err
}

func calendarPath(year int, agencyID string) string {
	p := "/v1/calendars/" + strconv.Itoa(year)
	if agencyID != "" {
		p += "?agency_id=" + url.QueryEscape(agencyID)
	}
	return p
}

// ReminderRules are an agency's reminder rules; agencyID "" is the
// caller's.
func (c *Client) ReminderRules(ctx context.Context, agencyID string) (ReminderRules, error) {
	var out ReminderRules
	err := c.c.Do(ctx, client.Tasks, http.MethodGet, rulesPath(agencyID), nil, &out)
	return out, err
}

// SetReminderRules replaces an agency's reminder rules (administrators);
// agencyID "" is the caller's.
func (c *Client) SetReminderRules(ctx context.Context, agencyID string, r ReminderRulesRequest) (ReminderRules, error) {
	var out ReminderRules
	err := c.c.Do(ctx, client.Tasks, http.MethodPut, rulesPath(agencyID), r, &out)
	return out, err
}

func rulesPath(agencyID string) string {
	if agencyID == "" {
		return "/v1/reminder-rules"
	}
	return "/v1/reminder-rules?agency_id=" + url.QueryEscape(agencyID)
}

// SendWeeklyDigests sends this week's digests not sent yet
// (administrators).
func (c *Client) SendWeeklyDigests(ctx context.Context) (DigestsSent, error) {
	var out DigestsSent
	err := c.c.Do(ctx, client.Tasks, http.MethodPost, "/v1/weekly-digests", nil, &out)
	return out, err
}

// Analytics is the processing-time figures of a period per unit or
// person (q.Format is ignored: JSON).
func (c *Client) Analytics(ctx context.Context, q AnalyticsQuery) (Analytics, error) {
	q.Format = ""
	var out Analytics
	err := c.c.Do(ctx, client.Tasks, http.MethodGet, "/v1/analytics/tasks?"+q.Values().Encode(), nil, &out)
	return out, err
}

// OpenAnalytics downloads the figures as .xlsx; the caller closes the
// body.
func (c *Client) OpenAnalytics(ctx context.Context, q AnalyticsQuery) (*http.Response, error) {
	q.Format = "xlsx"
	return c.c.Open(ctx, client.Tasks, "/v1/analytics/tasks?"+q.Values().Encode())
}
