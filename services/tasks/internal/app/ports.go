package app

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/followup"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/identityview"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// The database ports, one per aggregate, are declared here by the use
// cases that need them; one store serves them all (its Repos wires it).
// The store owns its transactions: a use case that changes several rows
// at once (a task, its history, a report or an extension request, a
// reminder, its outbox events, its Idempotency-Key) hands the store a
// function, which the store runs in one transaction with the Writes bound
// to it, so that everything commits together or nothing does.

// Repos is the database ports an App needs.
type Repos struct {
	Tasks        Tasks
	Reports      Reports
	Extensions   Extensions
	Reminders    Reminders
	Progress     Progress
	Calendars    Calendars
	Requests     Requests
	Transactions Transactions
}

// Requests reads the periodic report requests of tasks and finds those
// due a reminder (Writes.Requests claims each).
type Requests interface {
	// ReportRequests lists the requests of the tasks, by task id, in
	// period order.
	ReportRequests(ctx context.Context, taskIDs ...string) (map[string][]domain.ReportRequest, error)
	// ReportReminderCandidates returns up to limit unanswered requests of
	// open tasks (not awaiting review) due on or before horizon that were
	// not looked at on day today for their due date yet.
	ReportReminderCandidates(ctx context.Context, today, horizon domain.Date, limit int) ([]ReportReminderCandidate, error)
}

// ReportReminderCandidate is an unanswered report request of an open task
// and the unit that owes it, with that unit's agency (whose rules and
// calendar remind it).
type ReportReminderCandidate struct {
	Request        domain.ReportRequest
	AssigneeUnitID string
	AgencyID       string
}

// Tasks stores tasks and their history.
type Tasks interface {
	// Task returns a task or an apperr.ErrNotFound error.
	Task(ctx context.Context, id string) (domain.Task, error)
	// Tasks lists one page of a box, newest first.
	Tasks(ctx context.Context, q TaskQuery) ([]domain.Task, error)
	History(ctx context.Context, taskID string) ([]domain.HistoryEntry, error)
	// AssigneeChain is unit and the units above it inside agency.
	AssigneeChain(ctx context.Context, unit, agency string) ([]string, error)

	// Update reads task id in a transaction of its own (locked until it
	// ends, so that changes of one task queue), runs fn on it and, when fn
	// moved the task's version, stores the task fn left in *t; what fn
	// writes through w commits with it. fn's error rolls everything back.
	Update(ctx context.Context, id string, fn func(ctx context.Context, t *domain.Task, w Writes) error) error
}

// Reports reads a task's progress reports and their reviews.
type Reports interface {
	Reports(ctx context.Context, taskID string) ([]domain.Report, error)
	// Report returns one report of a task, or an apperr.ErrNotFound error.
	Report(ctx context.Context, taskID, id string) (domain.Report, error)
}

// Extensions reads a task's deadline extension requests and decisions.
type Extensions interface {
	Extension(ctx context.Context, taskID, id string) (domain.Extension, error)
	Extensions(ctx context.Context, taskID string) ([]domain.Extension, error)
}

// Reminders keeps the agencies' reminder rules and finds what is due a
// reminder or a digest (Writes.Reminders claims each).
type Reminders interface {
	// ReminderRules are the agency's, or the defaults.
	ReminderRules(ctx context.Context, agencyID string) (domain.ReminderRules, error)
	PutReminderRules(ctx context.Context, r domain.ReminderRules) error
	// ReminderCandidates are up to limit open tasks due on or before
	// horizon not yet looked at on day today for their due date.
	ReminderCandidates(ctx context.Context, today, horizon domain.Date, limit int) ([]ReminderCandidate, error)
	// OverdueTasks lists open tasks due before q.Before of a unit or an
	// assigner.
	OverdueTasks(ctx context.Context, q OverdueQuery) ([]domain.Task, error)
	// DigestLeaders are up to limit active leaders, by id after after,
	// without a digest for the week starting on week (with empty, or with
	// one that listed nothing).
	DigestLeaders(ctx context.Context, week domain.Date, empty bool, after string, limit int) ([]Leader, error)
	// AgencyUnits maps each unit of the agency to its parent.
	AgencyUnits(ctx context.Context, agencyID string) (map[string]string, error)
	// DigestTasks are up to limit open tasks of units due on or before
	// through, by due date, and how many there are in all.
	DigestTasks(ctx context.Context, units []string, through domain.Date, limit int) ([]domain.Task, int, error)
}

// ReminderCandidate is a task that may be due a reminder, with what the
// reminder needs beyond the task: the agency whose rules and calendar
// apply and the person who assigned it ("" when a document did).
type ReminderCandidate struct {
	domain.Task
	AgencyID       string
	AssignerUserID string
}

// OverdueQuery selects the overdue tasks of an assignee unit, or those an
// assigner assigned when AssignerUserID is set.
type OverdueQuery struct {
	AssigneeUnitID string
	AssignerUserID string
	Before         domain.Date
	Limit          int
}

// Leader is a person with the leader role, who gets the weekly digest.
type Leader struct {
	UserID   string
	UnitID   string
	AgencyID string
}

// Transactions runs the writes that are not one task's Update, each call
// in one transaction of the store.
type Transactions interface {
	// InTx runs fn in one transaction; fn's error rolls back all it wrote.
	InTx(ctx context.Context, fn func(ctx context.Context, w Writes) error) error
	// Once runs create at most once per Idempotency-Key (pkg/idempotency),
	// in one transaction that claims k before create reads or writes
	// anything: a repeat, even a concurrent one, gets the first request's
	// id rather than a conflict with its effects. Without a key it runs
	// create in a transaction.
	Once(ctx context.Context, k idempotency.Key, create func(ctx context.Context, w Writes) (id string, err error)) (string, error)
}

// Writes are the write ports bound to one transaction: whatever a use case
// writes through them commits together or not at all. Consumed events get
// theirs bound to the consumer's inbox transaction.
type Writes struct {
	Tasks      TaskWrites
	Reports    ReportWrites
	Extensions ExtensionWrites
	Reminders  ReminderWrites
	Requests   RequestWrites
	Events     EventWrites
}

// RequestWrites creates periodic report requests, answers them with
// reports and claims their reminders once each.
type RequestWrites interface {
	// CreateReportRequests returns the requests it created (one per task
	// and period; the others existed).
	CreateReportRequests(ctx context.Context, rs []domain.ReportRequest) ([]domain.ReportRequest, error)
	// AnswerReportRequest marks the earliest unanswered request whose
	// period has begun as answered by the report and returns its id; ""
	// when none waits.
	AnswerReportRequest(ctx context.Context, taskID, reportID string, at time.Time) (string, error)
	// MarkReportReminder claims one step of a request's reminders for its
	// due date; false when it was claimed before.
	MarkReportReminder(ctx context.Context, requestID, kind, step string, due domain.Date, at time.Time) (bool, error)
	// MarkReportChecked records that the request was looked at on day.
	MarkReportChecked(ctx context.Context, requestID string, due, day domain.Date) error
}

// TaskWrites changes tasks and their history.
type TaskWrites interface {
	// TaskForUpdate reads a task and locks it until the transaction ends,
	// or returns an apperr.ErrNotFound error.
	TaskForUpdate(ctx context.Context, id string) (domain.Task, error)
	// UpdateTask writes t's new state, changed from was (the task as read),
	// when nobody changed it meanwhile (t.Version is the new version);
	// otherwise it is a conflict.
	UpdateTask(ctx context.Context, was, t domain.Task) error
	// CreateTask inserts t; created is false (and nothing is written) when a
	// task with the same natural key exists.
	CreateTask(ctx context.Context, t domain.Task) (created bool, err error)
	// CreateTasks inserts many tasks at once; it returns the ids it created
	// (the others existed already by natural key).
	CreateTasks(ctx context.Context, ts []domain.Task) (map[string]bool, error)
	// AddFirstHistory writes the creation entries of new tasks at once.
	AddFirstHistory(ctx context.Context, hs []domain.HistoryEntry) error
	// AddHistory appends an entry to the task's history (Seq is assigned).
	AddHistory(ctx context.Context, h domain.HistoryEntry) error
	OpenTasksOfDocument(ctx context.Context, docID string) ([]domain.Task, error)
	// DelegatedTo is parent's child task for unit (and user), whatever its
	// status; ok is false when there is none.
	DelegatedTo(ctx context.Context, parentID, unit, user string) (t domain.Task, ok bool, err error)
	ReplyTargets(ctx context.Context, docID, agency string) ([]domain.Task, error)
}

// ReportWrites files reports and their reviews.
type ReportWrites interface {
	// AddReport is false when a reply has filed its report already.
	AddReport(ctx context.Context, r domain.Report) (bool, error)
	Report(ctx context.Context, taskID, id string) (domain.Report, error)
	ReviewReport(ctx context.Context, r domain.Report) error
}

// ExtensionWrites files extension requests and their decisions.
type ExtensionWrites interface {
	AddExtension(ctx context.Context, e domain.Extension) error
	PendingExtension(ctx context.Context, taskID string) (domain.Extension, error)
	DecideExtension(ctx context.Context, e domain.Extension) error
}

// ReminderWrites claims each reminder once, so several schedulers never
// send the same one twice.
type ReminderWrites interface {
	// MarkReminder claims one step of a due date's reminders; false when
	// it was claimed before.
	MarkReminder(ctx context.Context, taskID, kind, step string, due domain.Date, at time.Time) (bool, error)
	// MarkChecked records that the task was looked at on day.
	MarkChecked(ctx context.Context, taskID string, due, day domain.Date) error
	// MarkDigest claims the leader's digest of the week; false when it was
	// claimed before with items.
	MarkDigest(ctx context.Context, userID string, week domain.Date, items int, at time.Time) (bool, error)
}

// EventWrites adds events to the outbox (pkg/messaging relays them once
// the transaction committed).
type EventWrites interface {
	Add(ctx context.Context, evs ...envelope.Event) error
}

// Progress is the read models of plan progress and unit statistics.
type Progress interface {
	PlanTasks(ctx context.Context, planID string) ([]domain.Task, error)
	StatTasks(ctx context.Context, by StatsBy, from, to domain.Date, asOf time.Time) (StatData, error)
	// TaskAnalytics reads what the processing-time analytics count.
	TaskAnalytics(ctx context.Context, q AnalyticsQuery) (AnalyticsData, error)
}

// AnalyticsQuery selects the tasks of the assignee units at and below Root
// inside Agency: those created in [From, To], those completed in it, and
// those open now.
type AnalyticsQuery struct {
	Root, Agency string
	// Persons keeps only tasks named to a person; UserID, when not "",
	// only that person's.
	Persons  bool
	UserID   string
	From, To time.Time
	// OpenTasks reads the open tasks whole (to list them); otherwise they
	// are counted by unit, person, status and due date.
	OpenTasks bool
}

// AnalyticsData is what TaskAnalytics read: counts of the tasks created in
// the period per unit, person and status; the tasks completed in it; the
// tasks open now (or their counts). The app classifies them
// (domain.Classify).
type AnalyticsData struct {
	Assigned  []AssignedCount
	Completed []domain.Task
	// Open is the open tasks when asked for whole, else OpenCounts.
	Open       []domain.Task
	OpenCounts []OpenCount
}

// OpenCount is how many open tasks of one status and due date a unit (and
// person, when the figures are per person) holds.
type OpenCount struct {
	UnitID, UserID string
	Status         domain.Status
	DueDate        domain.Date
	N              int
}

// StatData is what a scoreboard counts: tasks assigned or in progress as
// counts per unit and status, overdue or not as of the scoreboard's time
// (each count's DueDate one of that side; UserID empty), the others whole.
type StatData struct {
	Tasks   []domain.Task
	Running []OpenCount
	// Classed is the completed tasks as counts per unit and class.
	Classed []ClassCount
}

// ClassCount is how many tasks of one class (followup's codes) a unit
// holds.
type ClassCount struct {
	UnitID, Class string
	N             int
}

// AssignedCount is how many tasks of one status a unit (and person) got.
type AssignedCount struct {
	UnitID, UserID string
	Status         domain.Status
	N              int
}

// UnitStat is one assignee unit's counts in the four classes and of tasks
// awaiting review (shown apart).
type UnitStat struct {
	UnitID string
	followup.Counts
}

// TaskQuery selects one page of a box for a viewer.
type TaskQuery struct {
	Box    domain.Box
	Viewer domain.Viewer
	// Status filters when not "".
	Status           domain.Status
	SourceDocumentID string
	// AssigneeUserID, when not "", lists the tasks named to that person
	// instead of the viewer's units' (inbox only).
	AssigneeUserID string
	// Overdue filters when not nil: open tasks whose due date is before
	// OverdueBefore (true), or every other task (false).
	Overdue       *bool
	OverdueBefore domain.Date
	Limit         int
	// After is the last task of the previous page (newest first).
	After *Cursor
}

// Cursor is the sort key of a task in a list.
type Cursor struct {
	CreatedAt time.Time
	ID        string
}

// Directory is identity's read model (the unit tree and the people, kept
// from identity's events by pkg/identityview), asking identity's API with
// the caller's token for what the events have not brought yet.
type Directory interface {
	Unit(ctx context.Context, token, id string) (identityview.Unit, error)
	Person(ctx context.Context, token, id string) (identityview.Person, error)
}
