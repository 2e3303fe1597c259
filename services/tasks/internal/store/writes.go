package store

import (
	"context"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/envelope"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	"github.com/eoffice-vn/eoffice/pkg/store"

	"github.com/eoffice-vn/eoffice/services/tasks/internal/app"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// The store owns the transactions of the use cases: each of Update, InTx
// and Once opens one and hands the app the write ports bound to it (In);
// consumed events bring the consumer's inbox transaction instead.

// In is the app's write ports bound to tx: whatever goes through them
// commits or rolls back with tx, the outbox events included.
func (s *Store) In(tx *store.Tx) app.Writes {
	b := bound{s: s, tx: tx}
	return app.Writes{Tasks: b, Reports: b, Extensions: b, Reminders: b, Requests: b, Events: b}
}

// Update reads task id locked in a new transaction, runs fn on it and
// stores the task fn leaves when fn moved its version; fn's other writes
// go through the ports bound to the same transaction.
func (s *Store) Update(ctx context.Context, id string, fn func(ctx context.Context, t *domain.Task, w app.Writes) error) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		t, err := s.TaskForUpdate(ctx, tx, id)
		if err != nil {
			return err
		}
		was := t
		if err := fn(ctx, &t, s.In(tx)); err != nil {
			return err
		}
		if t.Version == was.Version {
			return nil // fn changed nothing of the task itself
		}
		return s.UpdateTaskFrom(ctx, tx, was, t)
	})
}

// InTx runs fn in one transaction with the ports bound to it.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context, w app.Writes) error) error {
	return s.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error { return fn(ctx, s.In(tx)) })
}

// Once runs create at most once per k (pkg/idempotency): the key's claim,
// create's writes and the key's record share one transaction.
func (s *Store) Once(ctx context.Context, k idempotency.Key, create func(ctx context.Context, w app.Writes) (string, error)) (string, error) {
	id, _, err := idempotency.Do(ctx, s.db, k, func(ctx context.Context, tx *store.Tx) (string, error) {
		return create(ctx, s.In(tx))
	})
	return id, err
}

// bound is the Store's writes in one transaction.
type bound struct {
	s  *Store
	tx *store.Tx
}

func (b bound) TaskForUpdate(ctx context.Context, id string) (domain.Task, error) {
	return b.s.TaskForUpdate(ctx, b.tx, id)
}

func (b bound) UpdateTask(ctx context.Context, was, t domain.Task) error {
	return b.s.UpdateTaskFrom(ctx, b.tx, was, t)
}

func (b bound) CreateTask(ctx context.Context, t domain.Task) (bool, error) {
	return b.s.CreateTask(ctx, b.tx, t)
}

func (b bound) CreateTasks(ctx context.Context, ts []domain.Task) (map[string]bool, error) {
	return b.s.CreateTasks(ctx, b.tx, ts)
}

func (b bound) AddFirstHistory(ctx context.Context, hs []domain.HistoryEntry) error {
	return b.s.AddFirstHistory(ctx, b.tx, hs)
}

func (b bound) AddHistory(ctx context.Context, h domain.HistoryEntry) error {
	return b.s.AddHistory(ctx, b.tx, h)
}

func (b bound) OpenTasksOfDocument(ctx context.Context, docID string) ([]domain.Task, error) {
	return b.s.OpenTasksOfDocument(ctx, b.tx, docID)
}

func (b bound) DelegatedTo(ctx context.Context, parentID, unit, user string) (domain.Task, bool, error) {
	ts, err := queryTasks(ctx, b.tx, `SELECT `+prefixed("t.", taskColumns)+` FROM tasks t
WHERE t.parent_task_id = $1 AND t.origin = $2 AND t.assignee_unit_id = $3 AND t.assignee_user_id = $4`,
		parentID, string(domain.OriginDelegation), unit, user)
	if err != nil || len(ts) == 0 {
		return domain.Task{}, false, err
	}
	return ts[0], true, nil
}

func (b bound) ReplyTargets(ctx context.Context, docID, agency string) ([]domain.Task, error) {
	return b.s.ReplyTargets(ctx, b.tx, docID, agency)
}

func (b bound) AddReport(ctx context.Context, r domain.Report) (bool, error) {
	return b.s.AddReport(ctx, b.tx, r)
}

func (b bound) Report(ctx context.Context, taskID, id string) (domain.Report, error) {
	return report(ctx, b.tx, taskID, id)
}

func (b bound) ReviewReport(ctx context.Context, r domain.Report) error {
	return b.s.ReviewReport(ctx, b.tx, r)
}

func (b bound) AddExtension(ctx context.Context, e domain.Extension) error {
	return b.s.AddExtension(ctx, b.tx, e)
}

func (b bound) PendingExtension(ctx context.Context, taskID string) (domain.Extension, error) {
	return b.s.PendingExtension(ctx, b.tx, taskID)
}

func (b bound) DecideExtension(ctx context.Context, e domain.Extension) error {
	return b.s.DecideExtension(ctx, b.tx, e)
}

func (b bound) MarkReminder(ctx context.Context, taskID, kind, step string, due domain.Date, at time.Time) (bool, error) {
	return b.s.MarkReminder(ctx, b.tx, taskID, kind, step, due, at)
}

func (b bound) MarkChecked(ctx context.Context, taskID string, due, day domain.Date) error {
	return b.s.MarkChecked(ctx, b.tx, taskID, due, day)
}

func (b bound) MarkDigest(ctx context.Context, userID string, week domain.Date, items int, at time.Time) (bool, error) {
	return b.s.MarkDigest(ctx, b.tx, userID, week, items, at)
}

// Add writes evs to the outbox in the transaction.
func (b bound) Add(ctx context.Context, evs ...envelope.Event) error {
	return b.s.outbox.Add(ctx, b.tx, evs...)
}

var (
	_ app.TaskWrites      = bound{}
	_ app.ReportWrites    = bound{}
	_ app.ExtensionWrites = bound{}
	_ app.ReminderWrites  = bound{}
	_ app.EventWrites     = bound{}
)
