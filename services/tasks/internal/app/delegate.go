package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/events"
	"github.com/eoffice-vn/eoffice/pkg/idempotency"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// maxWorkingDays bounds a deadline given in working days (about a year and
// a half).
const maxWorkingDays = 400

// DelegateInput is a delegation as the endpoint hands it over (from
// tasksapi.Delegation). Its JSON names are the body's: the Idempotency-Key
// fingerprints the input as JSON, and the same request keeps its print.
type DelegateInput struct {
	AssigneeUnitID string `json:"assignee_unit_id"`
	// AssigneeUserID optionally names the person of that unit who does the
	// work (a specialist, or any active user of it).
	AssigneeUserID string `json:"assignee_user_id,omitempty"`
	DueDate        string `json:"due_date"`
	// DueWorkingDays, instead of DueDate, gives the deadline as "n ngày
	// làm việc" from today over the assigner agency's calendar.
	DueWorkingDays int    `json:"due_working_days,omitempty"`
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
	var due domain.Date
	switch {
	case in.DueWorkingDays != 0 && in.DueDate != "":
		val.Add("due_working_days", "give either a due date or a number of working days, not both")
	case in.DueWorkingDays != 0:
		val.Check(in.DueWorkingDays > 0 && in.DueWorkingDays <= maxWorkingDays, "due_working_days",
			fmt.Sprintf("must be 1 to %d", maxWorkingDays))
	default:
		due = domain.ParseDueDate(&val, "due_date", in.DueDate)
	}
	val.Check(len([]rune(in.Note)) <= domain.MaxNote, "note", "is too long")
	if err := val.Err(); err != nil {
		return TaskView{}, err
	}
	s, err := a.load(ctx, id)
	if err != nil {
		return TaskView{}, err
	}
	if in.DueWorkingDays > 0 {
		// The assigner's agency is the delegating leader's: he leads the
		// assignee unit or one above it in the same agency.
		if due, err = a.dueInWorkingDays(ctx, s.v.AgencyID, in.DueWorkingDays); err != nil {
			return TaskView{}, err
		}
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
		fe := apperr.FieldError{Field: "due_date", Message: "is after the parent's due date " + s.t.DueDate.String()}
		if in.DueWorkingDays > 0 {
			fe = apperr.FieldError{Field: "due_working_days", Message: fmt.Sprintf("%d working days end on %s, after the parent's due date %s",
				in.DueWorkingDays, due, s.t.DueDate)}
		}
		return TaskView{}, apperr.Invalid("a child task is due no later than its parent", fe)
	}
	k, err := idempotency.New(s.v.UserID, in.IdempotencyKey, "delegate "+id, in)
	if err != nil {
		return TaskView{}, err
	}
	now := a.now()
	childID, err := a.txs.Once(ctx, k, func(ctx context.Context, w Writes) (string, error) {
		c := domain.Delegated(s.t, a.newID(), child.ID, due, now)
		c.AssigneeUserID = in.AssigneeUserID
		c.DueWorkingDays = in.DueWorkingDays
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
		if err := a.delegated(ctx, w, parent, c, s.v, in.Note, "", now); err != nil {
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

// delegated records a delegation of parent to its new child c, done by v
// (history of both, task.delegated and the child's task.assigned).
func (a *App) delegated(ctx context.Context, w Writes, parent, c domain.Task, v domain.Viewer, note, eventID string, now time.Time) error {
	parent.UpdatedAt, c.UpdatedAt = now, now
	if err := a.record(ctx, w, parent, v, parent.Status, domain.HistoryEntry{Action: domain.ActionDelegated,
		ToUnitID: c.AssigneeUnitID, ToUserID: c.AssigneeUserID, Note: note, EventID: eventID}); err != nil {
		return err
	}
	if err := a.record(ctx, w, c, v, "", domain.HistoryEntry{Action: domain.ActionAssigned, Note: note, EventID: eventID}); err != nil {
		return err
	}
	if err := a.emit(ctx, w, events.TaskDelegated, parent.ID, &eventsv1.TaskDelegated{Task: ref(parent, now),
		ChildTaskId: c.ID, ChildAssigneeUnitId: c.AssigneeUnitID, ChildDueDate: c.DueDate.String(),
		DelegatedBy: v.UserID, Note: note, ChildAssigneeUserId: c.AssigneeUserID}); err != nil {
		return err
	}
	assigned := assignedPayload(c)
	assigned.AssignerUserId = v.UserID
	return a.emit(ctx, w, events.TaskAssigned, c.ID, assigned)
}
