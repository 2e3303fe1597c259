package app

import (
	"context"
	"strings"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// DelegateInput is a delegation as the endpoint hands it over (from
// tasksapi.Delegation). Its JSON names are the body's: the Idempotency-Key
// fingerprints the input as JSON, and the same request keeps its print.
type DelegateInput struct {
	AssigneeUnitID string `json:"assignee_unit_id"`
	// AssigneeUserID optionally names the person of that unit who does the
	// work (a specialist, or any active user of it).
	AssigneeUserID string `json:"assignee_user_id,omitempty"`
	DueDate        string `json:"due_date"`
	Note           string `json:"note"`
	IdempotencyKey string `json:"-"`
}

// Delegate hands a task down to a child unit of its assignee, or to a
// named person of that unit or of the assignee unit itself, as a child task
// due no later than the parent; a leader of the assignee unit or above it
// in its agency does it.
func (a *App) Delegate(ctx context.Context, id string, in DelegateInput) (TaskView, error) {
	var val apperr.Validator
	val.Check(strings.TrimSpace(in.AssigneeUnitID) != "", "assignee_unit_id", "is required")
	in.AssigneeUserID = strings.TrimSpace(in.AssigneeUserID)
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
	child, err := a.delegationTarget(ctx, s.t, in.AssigneeUnitID, in.AssigneeUserID)
	if err != nil {
		return TaskView{}, err
	}
	if s.t.DueDate.Before(due) {
		return TaskView{}, apperr.Invalid("a child task is due no later than its parent",
			apperr.FieldError{Field: "due_date", Message: "is after the parent's due date " + s.t.DueDate.String()})
	}
	k, err := idempotency.New(s.v.UserID, in.IdempotencyKey, "delegate "+id, in)
	if err != nil {
		return TaskView{}, err
	}
	now := a.now()
	childID, err := a.txs.Once(ctx, k, func(ctx context.Context, w Writes) (string, error) {
		c := domain.Delegated(s.t, a.newID(), child.ID, due, now)
		c.AssigneeUserID = in.AssigneeUserID
		parent, err := w.Tasks.TaskForUpdate(ctx, id)
		if err != nil {
			return "", err
		}
		if err := parent.CanDelegate(); err != nil {
			return "", err
		}
		created, err := w.Tasks.CreateTask(ctx, c)
		if err != nil {
			return "", err
		}
		if !created {
			return "", apperr.Conflict("the task is delegated to this unit (or person) already", string(parent.Status))
		}
		parent.UpdatedAt, c.UpdatedAt = now, now
		if err := a.record(ctx, w, parent, s.v, parent.Status, domain.HistoryEntry{Action: domain.ActionDelegated,
			ToUnitID: c.AssigneeUnitID, ToUserID: c.AssigneeUserID, Note: in.Note}); err != nil {
			return "", err
		}
		if err := a.record(ctx, w, c, s.v, "", domain.HistoryEntry{Action: domain.ActionAssigned, Note: in.Note}); err != nil {
			return "", err
		}
		if err := a.emit(ctx, w, events.TaskDelegated, parent.ID, &eventsv1.TaskDelegated{Task: ref(parent, now),
			ChildTaskId: c.ID, ChildAssigneeUnitId: c.AssigneeUnitID, ChildDueDate: c.DueDate.String(),
			DelegatedBy: s.v.UserID, Note: in.Note, ChildAssigneeUserId: c.AssigneeUserID}); err != nil {
			return "", err
		}
		assigned := assignedPayload(c)
		assigned.AssignerUserId = s.v.UserID
		if err := a.emit(ctx, w, events.TaskAssigned, c.ID, assigned); err != nil {
			return "", err
		}
		return c.ID, nil
	})
	if err != nil {
		return TaskView{}, err
	}
	t, err := a.tasks.Task(ctx, childID)
	if err != nil {
		return TaskView{}, err
	}
	return a.view(t, a.now()), nil
}
