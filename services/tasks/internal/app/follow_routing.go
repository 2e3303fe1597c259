package app

import (
	"context"
	"errors"
	"log/slog"

	"github.com/eoffice-vn/eoffice/pkg/apperr"
	"github.com/eoffice-vn/eoffice/pkg/events"
	eventsv1 "github.com/eoffice-vn/eoffice/proto/gen/go/eoffice/events/v1"
	"github.com/eoffice-vn/eoffice/services/tasks/internal/domain"
)

// Routing step kinds tasks follows (documents' document.routed).
const (
	stepAssign = "assign"
	stepReturn = "return"
)

// FollowRouting makes the direction's task follow the document inside a
// unit (document.routed): when a unit's head assigns it (giao xử lý) to a
// division or a specialist, the open lead task they hold on the document
// is delegated there, as POST /v1/tasks/{id}/delegate would, so that the
// specialist reports on a task of their own; when the holder returns it,
// the task the assign made is cancelled. It returns how many tasks it
// created or cancelled; a redelivery finds the work done and does none.
func (a *App) FollowRouting(ctx context.Context, w Writes, s domain.RoutingStep, eventID string) (int, error) {
	switch s.Kind {
	case stepAssign:
		return a.followAssign(ctx, w, s, eventID)
	case stepReturn:
		return a.followReturn(ctx, w, s, eventID)
	}
	return 0, nil
}

// heldTask is the open lead task of the document held by the person who
// took the step: one named to them, else their unit's own.
func heldTask(open []domain.Task, userID, unitID string) (domain.Task, bool) {
	var unit *domain.Task
	for i := len(open) - 1; i >= 0; i-- { // newest first: the deepest delegation
		t := open[i]
		if t.Role != domain.RoleLead {
			continue
		}
		if userID != "" && t.AssigneeUserID == userID {
			return t, true
		}
		if unit == nil && unitID != "" && t.AssigneeUnitID == unitID && t.AssigneeUserID == "" {
			unit = &open[i]
		}
	}
	if unit == nil {
		return domain.Task{}, false
	}
	return *unit, true
}

func (a *App) followAssign(ctx context.Context, w Writes, s domain.RoutingStep, eventID string) (int, error) {
	open, err := w.Tasks.OpenTasksOfDocument(ctx, s.DocumentID)
	if err != nil {
		return 0, err
	}
	held, ok := heldTask(open, s.FromUserID, s.FromUnitID)
	if !ok || held.CanDelegate() != nil {
		return 0, nil // a direction without a deadline made no task to follow
	}
	unitID := s.ToUnitID
	if s.ToUserID != "" {
		p, ok, err := a.userOf(ctx, s.ToUserID)
		if err != nil {
			return 0, err
		}
		if !ok {
			slog.WarnContext(ctx, "routing assign names an unknown person; the task stays with the unit",
				"document_id", s.DocumentID, "step_id", s.StepID, "user_id", s.ToUserID)
			return 0, nil
		}
		unitID = p.UnitID
	}
	if _, err := a.delegationTarget(ctx, held, unitID, s.ToUserID); err != nil {
		if errors.Is(err, apperr.ErrInvalid) {
			// The document went where the task cannot (outside the unit's
			// tree): the routing stands, the task stays with its unit.
			slog.WarnContext(ctx, "routing assign the task cannot follow", "document_id", s.DocumentID,
				"step_id", s.StepID, "task_id", held.ID, "err", err)
			return 0, nil
		}
		return 0, err
	}
	parent, err := w.Tasks.TaskForUpdate(ctx, held.ID)
	if err != nil {
		return 0, err
	}
	if parent.CanDelegate() != nil {
		return 0, nil
	}
	now := a.now()
	c := domain.Delegated(parent, a.newID(), unitID, parent.DueDate, now)
	c.AssigneeUserID = s.ToUserID
	created, err := w.Tasks.CreateTask(ctx, c)
	if err != nil {
		return 0, err
	}
	if !created {
		// This step's delegation exists (a redelivery: nothing to do), or
		// an earlier one to the same person or unit that a return
		// cancelled: it is theirs again.
		old, ok, err := w.Tasks.DelegatedTo(ctx, parent.ID, unitID, s.ToUserID)
		if err != nil || !ok || old.Status != domain.StatusCancelled {
			return 0, err
		}
		if c, err = old.Reopen(parent.DueDate, now); err != nil {
			return 0, err
		}
		if err := w.Tasks.UpdateTask(ctx, old, c); err != nil {
			return 0, err
		}
	}
	v := domain.Viewer{UserID: s.FromUserID, UnitID: s.FromUnitID}
	if err := a.delegated(ctx, w, parent, c, v, s.Note, eventID, now); err != nil {
		return 0, err
	}
	return 1, nil
}

// followReturn hands the task back with the document: the returner's
// delegated task and whatever they delegated on from it are cancelled,
// with the return's reason. Cancelled rather than kept open or completed:
// the person returning it says the work is not theirs (or not yet ready to
// be), nothing they did is approved, and the parent task, still open with
// the unit that assigned it, is the obligation; its head assigns it again.
// A return before any assign (a forward, a proposal) finds no task.
func (a *App) followReturn(ctx context.Context, w Writes, s domain.RoutingStep, eventID string) (int, error) {
	open, err := w.Tasks.OpenTasksOfDocument(ctx, s.DocumentID)
	if err != nil {
		return 0, err
	}
	held, ok := heldTask(open, s.FromUserID, s.FromUnitID)
	if !ok || held.Origin != domain.OriginDelegation {
		return 0, nil // the direction's own task: a direction is not returned
	}
	drop := map[string]bool{held.ID: true}
	for changed := true; changed; { // and the open tasks delegated from it, at any depth
		changed = false
		for _, t := range open {
			if !drop[t.ID] && drop[t.ParentTaskID] {
				drop[t.ID], changed = true, true
			}
		}
	}
	reason := "Trả lại: " + s.Note
	if s.Note == "" {
		reason = "Trả lại văn bản"
	}
	now := a.now()
	v := domain.Viewer{UserID: s.FromUserID, UnitID: s.FromUnitID}
	n := 0
	for _, t := range open {
		if !drop[t.ID] {
			continue
		}
		t, err := w.Tasks.TaskForUpdate(ctx, t.ID)
		if err != nil {
			return n, err
		}
		was, from := t, t.Status
		if t, err = t.Cancel(now); err != nil {
			continue // it closed meanwhile
		}
		if err := w.Tasks.UpdateTask(ctx, was, t); err != nil {
			return n, err
		}
		if err := a.record(ctx, w, t, v, from, domain.HistoryEntry{Action: domain.ActionCancelled, Reason: reason,
			EventID: eventID}); err != nil {
			return n, err
		}
		if err := a.emit(ctx, w, events.TaskCancelled, t.ID, &eventsv1.TaskCancelled{Task: ref(t, now),
			Reason: reason, CauseDocumentId: s.DocumentID}); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
