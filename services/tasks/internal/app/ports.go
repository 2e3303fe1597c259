package app

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// The database ports, one per aggregate, are declared here by the use
// cases that need them; one *store.Store serves them all (Repos wires it).
// Writes run in the caller's transaction, so a state change, its history
// and its outbox events commit together.

// Repos is the database ports an App needs.
type Repos struct {
	Tasks      Tasks
	Reports    Reports
	Extensions Extensions
	Reminders  Reminders
	Progress   Progress
}

// Tasks stores tasks and their history.
type Tasks interface {
	// CreateTask inserts t; created is false (and nothing is written) when a
	// task with the same natural key exists.
	CreateTask(ctx context.Context, tx *store.Tx, t domain.Task) (created bool, err error)
	// CreateTasks inserts many tasks at once; it returns the ids it created
	// (the others existed already by natural key).
	CreateTasks(ctx context.Context, tx *store.Tx, ts []domain.Task) (map[string]bool, error)
	// AddFirstHistory writes the creation entries of new tasks at once.
	AddFirstHistory(ctx context.Context, tx *store.Tx, hs []domain.HistoryEntry) error
	// AddHistory appends an entry to the task's history (Seq is assigned).
	AddHistory(ctx context.Context, tx *store.Tx, h domain.HistoryEntry) error

	// Task returns a task or an apperr.ErrNotFound error.
	Task(ctx context.Context, id string) (domain.Task, error)
	// Tasks lists one page of a box, newest first.
	Tasks(ctx context.Context, q TaskQuery) ([]domain.Task, error)
	History(ctx context.Context, taskID string) ([]domain.HistoryEntry, error)

	// TaskTx reads a task inside tx; UpdateTask writes its new state when
	// nobody changed it meanwhile (t.Version is the new version).
	TaskTx(ctx context.Context, tx *store.Tx, id string) (domain.Task, error)
	UpdateTask(ctx context.Context, tx *store.Tx, t domain.Task) error
	OpenTasksOfDocument(ctx context.Context, tx *store.Tx, docID string) ([]domain.Task, error)
	ReplyTargets(ctx context.Context, tx *store.Tx, docID, agency string) ([]domain.Task, error)
	// AssigneeChain is unit and the units above it inside agency.
	AssigneeChain(ctx context.Context, unit, agency string) ([]string, error)
}

// Reports stores a task's progress reports and their reviews.
type Reports interface {
	Reports(ctx context.Context, taskID string) ([]domain.Report, error)
	// AddReport is false when a reply has filed its report already.
	AddReport(ctx context.Context, tx *store.Tx, r domain.Report) (bool, error)
	Report(ctx context.Context, q store.Querier, taskID, id string) (domain.Report, error)
	ReviewReport(ctx context.Context, tx *store.Tx, r domain.Report) error
}

// Extensions stores a task's deadline extension requests and decisions.
type Extensions interface {
	AddExtension(ctx context.Context, tx *store.Tx, e domain.Extension) error
	PendingExtension(ctx context.Context, q store.Querier, taskID string) (domain.Extension, error)
	Extension(ctx context.Context, taskID, id string) (domain.Extension, error)
	DecideExtension(ctx context.Context, tx *store.Tx, e domain.Extension) error
	Extensions(ctx context.Context, taskID string) ([]domain.Extension, error)
}

// Reminders finds the tasks due a reminder and claims each reminder once,
// so several schedulers never send the same one twice.
type Reminders interface {
	ReminderCandidates(ctx context.Context, kind string, from, to domain.Date, limit int) ([]domain.Task, error)
	MarkReminder(ctx context.Context, tx *store.Tx, taskID, kind string, due domain.Date, at time.Time) (bool, error)
}

// Progress is the read models of plan progress and unit statistics.
type Progress interface {
	PlanTasks(ctx context.Context, planID string) ([]domain.Task, error)
	UnitStats(ctx context.Context, from, to, today domain.Date) ([]UnitStat, error)
}

// UnitStat is one assignee unit's four counts.
type UnitStat struct {
	UnitID             string
	CompletedOnTime    int
	CompletedLate      int
	OpenWithinDeadline int
	OpenOverdue        int
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

// Outbox writes events in the caller's transaction (pkg/messaging).
type Outbox interface {
	Add(ctx context.Context, tx *store.Tx, evs ...envelope.Event) error
}

// Directory is identity's read model (the unit tree and the people, kept
// from identity's events by pkg/identityview), asking identity's API with
// the caller's token for what the events have not brought yet.
type Directory interface {
	Unit(ctx context.Context, token, id string) (identityview.Unit, error)
	Person(ctx context.Context, token, id string) (identityview.Person, error)
}
