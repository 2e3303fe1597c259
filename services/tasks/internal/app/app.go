// Package app holds the tasks service's use cases, one file each: the
// queries behind the HTTP API and the reactions to consumed events.
package app

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/auth"
	"github.com/eoffice-vn/eoffice/pkg/identityclient"
	"github.com/eoffice-vn/eoffice/pkg/identityview"
	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// Service is what the HTTP API offers.
type Service interface {
	ListTasks(ctx context.Context, req ListTasksRequest) (TaskPage, error)
	GetTask(ctx context.Context, id string) (TaskDetail, error)
	Accept(ctx context.Context, id string) (TaskView, error)
	Delegate(ctx context.Context, id string, in DelegateInput) (TaskView, error)
	SubmitReport(ctx context.Context, id string, in ReportInput) (domain.Report, error)
	ReviewReport(ctx context.Context, id, reportID string, in ReviewInput) (ReviewResult, error)
	RequestExtension(ctx context.Context, id string, in ExtensionInput) (domain.Extension, error)
	DecideExtension(ctx context.Context, id string, in DecisionInput) (ExtensionResult, error)
	PlanProgress(ctx context.Context, planID string) (PlanProgress, error)
	UnitStats(ctx context.Context, from, to, by string) ([]UnitStatView, error)
	Calendar(ctx context.Context, year int, agencyID string) (CalendarView, error)
	SetCalendar(ctx context.Context, year int, agencyID string, in CalendarInput) (CalendarView, error)
	ResetCalendar(ctx context.Context, year int, agencyID string) (CalendarView, error)
	ReminderRules(ctx context.Context, agencyID string) (domain.ReminderRules, error)
	SetReminderRules(ctx context.Context, agencyID string, in ReminderRulesInput) (domain.ReminderRules, error)
	SendDigestsNow(ctx context.Context) (int, error)
	TaskAnalytics(ctx context.Context, in AnalyticsInput) (Analytics, error)
}

// Config wires an App.
type Config struct {
	// DB holds the identity read model (pkg/identityview) the directory
	// reads; the use cases' reads and writes go through Repos.
	DB    *store.DB
	Repos Repos
	// Identity answers units and people the read model does not know yet;
	// nil makes such a lookup fail as temporarily unavailable.
	Identity *identityclient.Client
	// Source is the ce_source of emitted events (/eoffice/tasks).
	Source string
	Now    func() time.Time
	NewID  func() string
}

// App implements Service and the event use cases.
type App struct {
	tasks      Tasks
	reports    Reports
	extensions Extensions
	reminders  Reminders
	progress   Progress
	calendars  Calendars
	requests   Requests
	txs        Transactions
	dir        Directory
	source     string
	now        func() time.Time
	newID      func() string
}

var _ Service = (*App)(nil)

// New returns the application over cfg; Now and NewID default to the clock
// and UUIDv7 (time-ordered, so ids break created_at ties in time order).
func New(cfg Config) *App {
	a := &App{tasks: cfg.Repos.Tasks, reports: cfg.Repos.Reports, extensions: cfg.Repos.Extensions,
		reminders: cfg.Repos.Reminders, progress: cfg.Repos.Progress, calendars: cfg.Repos.Calendars, requests: cfg.Repos.Requests,
		txs: cfg.Repos.Transactions,
		dir: identityview.Fallback{DB: cfg.DB, Remote: cfg.Identity}, source: cfg.Source, now: cfg.Now, newID: cfg.NewID}
	if a.now == nil {
		a.now = time.Now
	}
	if a.newID == nil {
		a.newID = func() string { return uuid.Must(uuid.NewV7()).String() }
	}
	return a
}

// TaskView is a task as read at one instant, with its class.
type TaskView struct {
	domain.Task
	Class domain.Class
}

func (a *App) view(t domain.Task, now time.Time) TaskView {
	return TaskView{Task: t, Class: t.Class(now)}
}

func viewer(ctx context.Context) (domain.Viewer, error) {
	p, ok := auth.FromContext(ctx)
	if !ok {
		return domain.Viewer{}, apperr.Unauthorized("no caller")
	}
	return domain.Viewer{UserID: p.Subject, UnitID: p.UnitID, AgencyID: p.AgencyID, Roles: p.Roles}, nil
}
