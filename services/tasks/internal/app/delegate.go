package app

import (
	"context"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/store"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// DelegateInput is POST /v1/tasks/{id}/delegate.
type DelegateInput struct {
	AssigneeUnitID string `json:"assignee_unit_id"`
	DueDate        string `json:"due_date"`
	Note           string `json:"note"`
	IdempotencyKey string `json:"-"`
}

// Delegate hands a task down to a child unit of its assignee as a child
// task due no later than the parent; a leader of the assignee unit or above
// it in its agency does it.
func (a *App) Delegate(ctx context.Context, id string, in DelegateInput) (TaskView, error) {
	var val apperr.Validator
	val.Check(strings.TrimSpace(in.AssigneeUnitID) != "", "assignee_unit_id", "is required")
	due := domain.ParseDueDate(&val, "due_date", in.DueDate)
	val.Check(len([]rune(in.Note)) <= domain.MaxNote, "note", "is too long")
	if err := val.Err(); err != nil {
		return TaskView{}, err
	}
	s, err := a.load(ctx, id)
	if err != nil {
		return TaskView{}, err
	}
	if !s.place.MayDelegate(s.v) {
		return TaskView{}, apperr.Forbidden("only a leader of the assignee unit or above it delegates a task")
	}
	if err := s.t.CanDelegate(); err != nil {
		return TaskView{}, err
	}
	child, ok, err := a.unitOf(ctx, in.AssigneeUnitID)
	if err != nil {
		return TaskView{}, err
	}
	if !ok || child.ParentID != s.t.AssigneeUnitID {
		return TaskView{}, apperr.Invalid("a task is delegated to a child unit of its assignee",
			apperr.FieldError{Field: "assignee_unit_id", Message: "is not a child unit of the assignee"})
	}
	if s.t.DueDate.Before(due) {
		return TaskView{}, apperr.Invalid("a child task is due no later than its parent",
			apperr.FieldError{Field: "due_date", Message: "is after the parent's due date " + s.t.DueDate.String()})
	}
	k, err := newIdemKey(s.v, in.IdempotencyKey, "delegate "+id, in)
	if err != nil {
		return TaskView{}, err
	}
	now := a.now()
	childID, err := a.once(ctx, k, func() (string, error) {
		c := domain.Delegated(s.t, a.newID(), child.ID, due, now)
		err := a.db.InTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			parent, err := a.repo.TaskTx(ctx, tx, id)
			if err != nil {
				return err
			}
			if err := parent.CanDelegate(); err != nil {
				return err
			}
			created, err := a.repo.CreateTask(ctx, tx, c)
			if err != nil {
				return err
			}
			if !created {
				return apperr.Conflict("the task is delegated to this unit already", string(parent.Status))
			}
			parent.UpdatedAt, c.UpdatedAt = now, now
			if err := a.record(ctx, tx, parent, domain.ActionDelegated, s.v, parent.Status, child.ID+": "+in.Note, ""); err != nil {
				return err
			}
			if err := a.record(ctx, tx, c, domain.ActionAssigned, s.v, "", in.Note, ""); err != nil {
				return err
			}
			if err := a.emit(ctx, tx, events.TaskDelegated, parent.ID, &eventsv1.TaskDelegated{Task: ref(parent, now),
				ChildTaskId: c.ID, ChildAssigneeUnitId: c.AssigneeUnitID, ChildDueDate: c.DueDate.String(),
				DelegatedBy: s.v.UserID, Note: in.Note}); err != nil {
				return err
			}
			if err := a.emit(ctx, tx, events.TaskAssigned, c.ID, assignedPayload(c)); err != nil {
				return err
			}
			return a.saveKey(ctx, tx, k, c.ID)
		})
		return c.ID, err
	})
	if err != nil {
		return TaskView{}, err
	}
	t, err := a.repo.Task(ctx, childID)
	if err != nil {
		return TaskView{}, err
	}
	return a.view(t, a.now()), nil
}
