// Package tasksapi is the tasks service's public contract: the request
// and response types of its routes, which its transport decodes and
// encodes, the OpenAPI document describing them, and a client over them
// for the CLI, the console, the demo, the bench and the end-to-end tests.
package tasksapi

import "time"

// Task is an assignment, as every route returning a task sends it.
type Task struct {
	ID               string `json:"id"`
	SourceDocumentID string `json:"source_document_id"`
	PlanItemID       string `json:"plan_item_id,omitempty"`
	ParentTaskID     string `json:"parent_task_id,omitempty"`
	AssignerUnitID   string `json:"assigner_unit_id"`
	AssigneeUnitID   string `json:"assignee_unit_id"`
	// AssigneeUserID is the person a delegation named, if any.
	AssigneeUserID string `json:"assignee_user_id,omitempty"`
	Role           string `json:"role"` // lead, cooperate
	Title          string `json:"title"`
	DueDate        string `json:"due_date"` // YYYY-MM-DD
	// DueWorkingDays is n when the deadline was given as "n ngày làm việc"
	// (DueDate computed from it); absent when it was given as a date.
	DueWorkingDays  int        `json:"due_working_days,omitempty"`
	Status          string     `json:"status"`
	ProgressPercent int        `json:"progress_percent"`
	Class           string     `json:"class"`
	CreatedAt       time.Time  `json:"created_at"`
	CompletedAt     *time.Time `json:"completed_at,omitempty"`
	CancelledAt     *time.Time `json:"cancelled_at,omitempty"`
	Urgency         string     `json:"urgency"`
	SourceNotation  string     `json:"source_notation"`
}

// TaskList is one page of GET /v1/tasks; NextCursor is absent on the last.
type TaskList struct {
	Items      []Task `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// TaskDetail is GET /v1/tasks/{id}: the task with its reports, history and
// extension requests (each list present, empty when there is none).
type TaskDetail struct {
	Task
	Reports    []Report       `json:"reports"`
	History    []HistoryEntry `json:"history"`
	Extensions []Extension    `json:"extensions"`
	// ReportRequests are the periodic reports a plan item's cadence asks
	// of the task, in period order; OverdueReports counts the missing ones
	// past their due date (the task is behind on its reporting).
	ReportRequests []ReportRequest `json:"report_requests"`
	OverdueReports int             `json:"overdue_reports"`
}

// ReportRequest is one period's report asked of a task. State is pending,
// overdue, reported_on_time, reported_late or not_reported (the task ended
// without it).
type ReportRequest struct {
	ID          string     `json:"id"`
	Period      string     `json:"period"`
	PeriodStart string     `json:"period_start"`
	PeriodEnd   string     `json:"period_end"`
	DueDate     string     `json:"due_date"`
	ReportID    string     `json:"report_id,omitempty"`
	ReportedAt  *time.Time `json:"reported_at,omitempty"`
	State       string     `json:"state"`
}

// UnitReport is one unit's report request of a plan item's period.
type UnitReport struct {
	ReportRequest
	TaskID string `json:"task_id"`
	UnitID string `json:"unit_id"`
	Role   string `json:"role"`
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
	// What the action was about, each only when it applies: an
	// extension's or a review's decision, the reason of a request or a
	// cancellation, the report, an extension's dates (YYYY-MM-DD), whom a
	// delegation handed the task to.
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

// Extension is a request for a later due date (gia hạn) and its decision;
// it keeps both dates whatever the decision.
type Extension struct {
	ID               string     `json:"id"`
	TaskID           string     `json:"task_id"`
	PreviousDueDate  string     `json:"previous_due_date"`
	RequestedDueDate string     `json:"requested_due_date"`
	Reason           string     `json:"reason"`
	RequestedBy      string     `json:"requested_by"`
	RequestedAt      time.Time  `json:"requested_at"`
	Status           string     `json:"status"` // pending, approved, rejected
	Comment          string     `json:"comment,omitempty"`
	DecidedBy        string     `json:"decided_by,omitempty"`
	DecidedAt        *time.Time `json:"decided_at,omitempty"`
}

// Report is a progress report on a task with its review once given.
type Report struct {
	ID     string `json:"id"`
	TaskID string `json:"task_id"`
	// ReplyDocumentID is the reply document that filed the report, if one did.
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
	Decision   string     `json:"decision"` // accepted, returned
	Comment    string     `json:"comment,omitempty"`
	ReviewedBy string     `json:"reviewed_by"`
	ReviewedAt *time.Time `json:"reviewed_at,omitempty"`
}

// Delegation is the body of POST /v1/tasks/{id}/delegate: a child unit of
// the assignee (or the assignee unit itself with a person named),
// optionally one named person of it, and a due date no later than the
// parent's: either DueDate or DueWorkingDays ("n ngày làm việc" from today
// over the assigner agency's calendar), not both.
type Delegation struct {
	AssigneeUnitID string `json:"assignee_unit_id"`
	AssigneeUserID string `json:"assignee_user_id,omitempty"`
	DueDate        string `json:"due_date,omitempty"`
	DueWorkingDays int    `json:"due_working_days,omitempty"`
	Note           string `json:"note,omitempty"`
}

// NewReport is the body of POST /v1/tasks/{id}/reports. ProgressPercent
// and Final are pointers so that the server tells a missing field (400)
// from a zero.
type NewReport struct {
	ProgressPercent *int   `json:"progress_percent"`
	Summary         string `json:"summary"`
	Result          string `json:"result,omitempty"`
	Final           *bool  `json:"final"`
}

// ReviewRequest is the body of POST /v1/tasks/{id}/reports/{report_id}/review;
// a returned report needs a comment.
type ReviewRequest struct {
	Decision string `json:"decision"` // accepted, returned
	Comment  string `json:"comment,omitempty"`
}

// ReviewResult answers a review: the reviewed report and the task after it.
type ReviewResult struct {
	Report Report `json:"report"`
	Task   Task   `json:"task"`
}

// ExtensionRequest is the body of POST /v1/tasks/{id}/extension.
type ExtensionRequest struct {
	DueDate string `json:"due_date"`
	Reason  string `json:"reason"`
}

// ExtensionDecisionRequest is the body of POST
// /v1/tasks/{id}/extension/decision; Approve is a pointer so that the
// server tells a missing decision (400) from a rejection.
type ExtensionDecisionRequest struct {
	Approve *bool  `json:"approve"`
	Comment string `json:"comment,omitempty"`
}

// ExtensionDecision answers a decision: the decided request and the task
// after it.
type ExtensionDecision struct {
	Extension Extension `json:"extension"`
	Task      Task      `json:"task"`
}

// Totals are the four follow-up classes and, apart, the tasks whose final
// report came in on time and waits for review (awaiting_review).
type Totals struct {
	CompletedOnTime    int `json:"completed_on_time"`
	CompletedLate      int `json:"completed_late"`
	OpenWithinDeadline int `json:"open_within_deadline"`
	OpenOverdue        int `json:"open_overdue"`
	AwaitingReview     int `json:"awaiting_review"`
}

// Sum is the number of tasks counted.
func (t Totals) Sum() int {
	return t.CompletedOnTime + t.CompletedLate + t.OpenWithinDeadline + t.OpenOverdue + t.AwaitingReview
}

// ItemProgress is one plan item as its lead task stands.
type ItemProgress struct {
	PlanItemID         string   `json:"plan_item_id"`
	Title              string   `json:"title"`
	LeadUnitID         string   `json:"lead_unit_id"`
	CooperatingUnitIDs []string `json:"cooperating_unit_ids"`
	Status             string   `json:"status"`
	ProgressPercent    int      `json:"progress_percent"`
	DueDate            string   `json:"due_date"`
	Class              string   `json:"class"`
	// Reports are the item's periodic reports, each unit's per period
	// (period order, lead first); OverdueReports counts the missing ones
	// past their due date.
	Reports        []UnitReport `json:"reports"`
	OverdueReports int          `json:"overdue_reports"`
}

// PlanProgress is GET /v1/plans/{id}/progress.
type PlanProgress struct {
	PlanDocumentID string         `json:"plan_document_id"`
	Items          []ItemProgress `json:"items"`
	// Totals count all the plan's own tasks, lead and cooperating; ByRole
	// splits the same counts by role ("lead", "cooperate").
	Totals Totals            `json:"totals"`
	ByRole map[string]Totals `json:"by_role"`
	// OverdueReports counts the plan's periodic reports missing past their
	// due date.
	OverdueReports int `json:"overdue_reports"`
}

// UnitStat is one assignee unit's line of the scoreboard; OnTimeRate is
// null when nothing counts.
type UnitStat struct {
	UnitID string `json:"unit_id"`
	Totals
	OnTimeRate *float64 `json:"on_time_rate"`
}

// UnitStats is GET /v1/stats/units: the scoreboard of the tasks due
// From..To (YYYY-MM-DD, as asked).
type UnitStats struct {
	From  string     `json:"from,omitempty"`
	To    string     `json:"to,omitempty"`
	By    string     `json:"by"`
	Items []UnitStat `json:"items"`
}

// Calendar is GET /v1/calendars/{year}: the caller's agency's holidays and
// swapped working days of a year, in date order. Source is "agency" (its
// administrator set the year), "shipped" (the government's announcement
// shipped with eoffice) or "rule" (the Labour Code's rule, nothing
// announced yet).
type Calendar struct {
	AgencyID  string        `json:"agency_id"`
	Year      int           `json:"year"`
	Source    string        `json:"source"`
	Days      []CalendarDay `json:"days"`
	UpdatedBy string        `json:"updated_by,omitempty"`
	UpdatedAt *time.Time    `json:"updated_at,omitempty"`
}

// CalendarDay is a day off (a holiday, a day in compensation or swapped
// away: off true) or a Saturday or Sunday worked in exchange (làm bù: off
// false), named in Vietnamese.
type CalendarDay struct {
	Date string `json:"date"` // YYYY-MM-DD
	Off  bool   `json:"off"`
	Name string `json:"name"`
}

// CalendarUpdate is the body of PUT /v1/calendars/{year}: the year's days,
// replacing the shipped ones whole.
type CalendarUpdate struct {
	Days []CalendarDay `json:"days"`
}

// ReminderRules are an agency's reminder rules (GET /v1/reminder-rules):
// working days before the deadline that remind, a reminder on the day,
// every how many working days after it, and after how many overdue working
// days the assigning leader and the unit's head are told.
type ReminderRules struct {
	AgencyID      string `json:"agency_id"`
	BeforeDays    []int  `json:"before_days"`
	OnDueDay      bool   `json:"on_due_day"`
	RepeatEvery   int    `json:"repeat_every"`
	EscalateAfter int    `json:"escalate_after"`
	// UpdatedBy and UpdatedAt are empty while the agency has the defaults.
	UpdatedBy string     `json:"updated_by,omitempty"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
}

// ReminderRulesRequest is the body of PUT /v1/reminder-rules; the numbers
// are pointers so that a missing one is a 400, not a zero.
type ReminderRulesRequest struct {
	BeforeDays    []int `json:"before_days"`
	OnDueDay      *bool `json:"on_due_day"`
	RepeatEvery   *int  `json:"repeat_every"`
	EscalateAfter *int  `json:"escalate_after"`
}

// DigestsSent answers POST /v1/weekly-digests: how many leaders' digests
// of this week went out (those sent before are not sent again).
type DigestsSent struct {
	Sent int `json:"sent"`
}

// Load is the open tasks now, by where their due dates stand: overdue,
// waiting for the assigner's review (not overdue), due by Sunday of this
// week, or later.
type Load struct {
	Open           int `json:"open"`
	Overdue        int `json:"overdue"`
	AwaitingReview int `json:"awaiting_review"`
	DueThisWeek    int `json:"due_this_week"`
	Later          int `json:"later"`
}

// OpenTask is one open task of a row's load (open_tasks=true).
type OpenTask struct {
	ID             string `json:"id"`
	Title          string `json:"title"`
	AssigneeUserID string `json:"assignee_user_id,omitempty"`
	DueDate        string `json:"due_date"` // YYYY-MM-DD
	Status         string `json:"status"`
	Class          string `json:"class"`
	SourceNotation string `json:"source_notation,omitempty"`
}

// Figures are processing-time figures over a period: tasks assigned in
// it, completed in it (on time or late), the on-time rate (on time ÷
// completed; null when none completed), the median and 90th-percentile
// days from assignment to completion (null when none), and the load now.
// Cancelled tasks count nowhere.
type Figures struct {
	Assigned        int        `json:"assigned"`
	Completed       int        `json:"completed"`
	CompletedOnTime int        `json:"completed_on_time"`
	CompletedLate   int        `json:"completed_late"`
	OnTimeRate      *float64   `json:"on_time_rate"`
	MedianDays      *float64   `json:"median_days"`
	P90Days         *float64   `json:"p90_days"`
	Load            Load       `json:"load"`
	OpenTasks       []OpenTask `json:"open_tasks,omitempty"`
}

// AnalyticsRow is one assignee unit's figures, or one person's in a unit;
// the names are the directory's ("" when it does not know them yet).
type AnalyticsRow struct {
	UnitID   string `json:"unit_id"`
	UnitName string `json:"unit_name"`
	UserID   string `json:"user_id,omitempty"`
	UserName string `json:"user_name,omitempty"`
	Figures
}

// Analytics is GET /v1/analytics/tasks: the figures of the period From..To
// per unit or per person, their total, and the load as of AsOf (its week
// ending WeekEnd), all dates YYYY-MM-DD.
type Analytics struct {
	From    string         `json:"from"`
	To      string         `json:"to"`
	Group   string         `json:"group"`
	UnitID  string         `json:"unit_id,omitempty"`
	UserID  string         `json:"user_id,omitempty"`
	AsOf    string         `json:"as_of"`
	WeekEnd string         `json:"week_end"`
	Rows    []AnalyticsRow `json:"rows"`
	Total   Figures        `json:"total"`
}
