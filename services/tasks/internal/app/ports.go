package app

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// Repository is what the use cases need of the database. Writes run in the
// caller's transaction, so a state change, its history and its outbox
// events commit together.
type Repository interface {
	// Unit returns a unit of the tree; ok is false when it is not known.
	Unit(ctx context.Context, id string) (u domain.Unit, ok bool, err error)
	// UnitTx is Unit inside a transaction.
	UnitTx(ctx context.Context, tx *store.Tx, id string) (u domain.Unit, ok bool, err error)
	// SaveUnit writes a unit as identity's events describe it.
	SaveUnit(ctx context.Context, tx *store.Tx, u domain.Unit) error
	// CacheUnit stores a unit fetched from identity's API unless the tree
	// already has it (events, when they arrive, win).
	CacheUnit(ctx context.Context, u domain.Unit) error

	// CreateTask inserts t; created is false (and nothing is written) when a
	// task with the same natural key exists.
	CreateTask(ctx context.Context, tx *store.Tx, t domain.Task) (created bool, err error)
	// AddHistory appends an entry to the task's history (Seq is assigned).
	AddHistory(ctx context.Context, tx *store.Tx, h domain.HistoryEntry) error

	// Task returns a task or an apperr.ErrNotFound error.
	Task(ctx context.Context, id string) (domain.Task, error)
	// Tasks lists one page of a box, newest first.
	Tasks(ctx context.Context, q TaskQuery) ([]domain.Task, error)
	History(ctx context.Context, taskID string) ([]domain.HistoryEntry, error)
	Reports(ctx context.Context, taskID string) ([]domain.Report, error)
}

// TaskQuery selects one page of a box for a viewer.
type TaskQuery struct {
	Box    domain.Box
	Viewer domain.Viewer
	// Status filters when not "".
	Status           domain.Status
	SourceDocumentID string
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

// UnitDirectory answers units the tree does not know yet, from the owning
// service (identity), on behalf of the caller in ctx. It returns an
// apperr.ErrNotFound error for a unit that does not exist.
type UnitDirectory interface {
	Unit(ctx context.Context, id string) (domain.Unit, error)
}
